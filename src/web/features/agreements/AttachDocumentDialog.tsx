import { type FormEvent, useState } from "react";
import type { Agreement } from "../../../contracts/participation.js";
import { FormError } from "../../ui/Alert";
import { Dialog } from "../../ui/Dialog";
import { FormActions } from "../../ui/FormActions";
import { ProgressBar } from "../../ui/ProgressBar";
import { DocumentFileField } from "../uploads/DocumentFileField";
import { type DocumentTarget, useAttachDocument } from "./queries";

/** What to attach, and to what. */
export interface AttachRequest {
  target: DocumentTarget;
  /** The agreement's or the designation's id. */
  id: string;
  /** The municipality, to refresh its views. */
  cvegeo: string;
  /** e.g. "Adjuntar convenio firmado de Metepec". */
  title: string;
  /** A document is already attached: the new one replaces it. */
  replacing: boolean;
}

/** Attaching the signed agreement, or replacing the one the agreement has. */
export function agreementAttachRequest(agreement: Agreement): AttachRequest {
  return {
    target: "agreement",
    id: agreement.id,
    cvegeo: agreement.municipality.cvegeo,
    title: `${agreement.document ? "Reemplazar" : "Adjuntar"} convenio firmado de ${agreement.municipality.name}`,
    replacing: agreement.document !== null,
  };
}

/** Attaches (or replaces) the signed agreement or a designation letter, with upload progress. */
export function AttachDocumentDialog({
  request,
  onClose,
}: {
  request: AttachRequest | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={request !== null} title={request?.title ?? ""} onClose={onClose}>
      {request ? (
        <AttachForm key={`${request.target}:${request.id}`} request={request} onDone={onClose} />
      ) : null}
    </Dialog>
  );
}

function AttachForm({ request, onDone }: { request: AttachRequest; onDone: () => void }) {
  const attach = useAttachDocument(request.cvegeo);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [progress, setProgress] = useState<number | null>(null);
  const label = {
    agreement: "Convenio firmado",
    letter: "Oficio de designación",
    agreement_change: "Convenio renovado o ratificación firmada",
  }[request.target];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setProblem("Elija el archivo que desea adjuntar.");
      return;
    }
    setProblem(undefined);
    setProgress(0);
    attach.mutate(
      { target: request.target, id: request.id, file, onProgress: setProgress },
      { onSuccess: onDone, onSettled: () => setProgress(null) },
    );
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={request.title}>
      {request.replacing ? (
        <p className="note">
          El documento nuevo sustituye al adjunto; el cambio queda en la bitácora.
        </p>
      ) : null}
      <DocumentFileField
        label={label}
        required
        error={problem}
        disabled={attach.isPending}
        onChange={(chosen) => {
          setFile(chosen);
          setProblem(undefined);
          attach.reset();
        }}
      />
      {progress !== null ? <ProgressBar value={progress} label="Avance de la subida" /> : null}
      <FormError error={attach.error} />
      <FormActions
        submitLabel="Adjuntar"
        busyLabel="Subiendo…"
        busy={attach.isPending}
        onCancel={onDone}
      />
    </form>
  );
}
