import { type FormEvent, useState } from "react";
import type { Agreement } from "../../../contracts/participation.js";
import { signedOnProblem } from "../../../domain/agreements.js";
import { isLocalDate } from "../../../domain/dates.js";
import { Alert, FormError } from "../../ui/Alert";
import { Dialog } from "../../ui/Dialog";
import { FormActions } from "../../ui/FormActions";
import { ProgressBar } from "../../ui/ProgressBar";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { useFormValues } from "../../ui/useFormValues";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";
import { DocumentFileField } from "../uploads/DocumentFileField";
import { SignatureFields, type SignatureValues } from "./PastDateField";
import { useAttachDocument, useCreateAgreement } from "./queries";

const FIELDS = ["municipality", "signedOn", "cohort"] as const;
const NO_SIGNATURE: SignatureValues = { signedOn: "", cohort: "" };

interface Props {
  open: boolean;
  /** Municipalities that already have an agreement: not offered. */
  taken: ReadonlySet<string>;
  cohorts: string[];
  onClose: () => void;
}

/**
 * Registers a signed agreement: the municipality then takes part and its tools' clocks start.
 * The signed document, when chosen, is uploaded right after the agreement is created; if that
 * upload fails, the agreement stays registered and the upload can be retried here.
 */
export function RegisterAgreementDialog({ open, taken, cohorts, onClose }: Props) {
  const create = useCreateAgreement();
  const [municipality, setMunicipality] = useState<string | null>(null);
  const {
    values: signature,
    change: changeSignature,
    reset: resetSignature,
  } = useFormValues<SignatureValues>(NO_SIGNATURE);
  const { signedOn, cohort } = signature;
  const [file, setFile] = useState<File | null>(null);
  const { check, clear, fieldError } = useFieldProblems(FIELDS, create.error, {
    municipality,
    signedOn,
    cohort,
  });
  const [created, setCreated] = useState<Agreement | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const attach = useAttachDocument(created?.municipality.cvegeo ?? municipality ?? "");

  function close() {
    create.reset();
    attach.reset();
    setMunicipality(null);
    resetSignature(NO_SIGNATURE);
    setFile(null);
    setCreated(null);
    setProgress(null);
    clear();
    onClose();
  }

  function uploadDocument(agreement: Agreement, document: File) {
    setCreated(agreement);
    setProgress(0);
    attach.mutate(
      { target: "agreement", id: agreement.id, file: document, onProgress: setProgress },
      { onSuccess: close, onSettled: () => setProgress(null) },
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (created) {
      if (file) {
        uploadDocument(created, file);
      } else {
        close();
      }
      return;
    }
    const valid = check({
      municipality: municipality ? undefined : "Elija el municipio.",
      signedOn: !isLocalDate(signedOn)
        ? "Indique la fecha de firma."
        : (signedOnProblem(signedOn, new Date()) ?? undefined),
      cohort: cohort.trim() ? undefined : "Indique la cohorte.",
    });
    if (!valid || !municipality) {
      return;
    }
    const document = file;
    create.mutate(
      { municipality, signedOn, cohort: cohort.trim() },
      {
        onSuccess: (agreement) => {
          if (document) {
            uploadDocument(agreement, document);
          } else {
            close();
          }
        },
      },
    );
  }

  const busy = create.isPending || attach.isPending;
  return (
    <Dialog open={open} title="Registrar convenio" onClose={close} wide>
      <form className="stack" onSubmit={submit} noValidate aria-label="Registrar convenio">
        <FormError error={create.error} fields={FIELDS} />
        {created ? (
          <Alert tone="success">
            <p>Se registró el convenio de {created.municipality.name}.</p>
          </Alert>
        ) : (
          <>
            <MunicipalityPicker
              value={municipality}
              onChange={setMunicipality}
              exclude={taken}
              required
              error={fieldError("municipality")}
            />
            <SignatureFields
              values={signature}
              onChange={changeSignature}
              cohorts={cohorts}
              fieldError={fieldError}
            />
          </>
        )}
        <DocumentFileField
          label="Convenio firmado (opcional)"
          later
          disabled={busy}
          onChange={(chosen) => {
            setFile(chosen);
            attach.reset();
          }}
        />
        {progress !== null ? (
          <ProgressBar value={progress} label="Avance de la subida del convenio firmado" />
        ) : null}
        {created && attach.isError ? (
          <Alert tone="warning" title="El convenio se registró, pero el documento no se adjuntó">
            <p>{attach.error.message}</p>
            <p>Elija otro archivo y vuelva a intentarlo, o adjúntelo después desde la lista.</p>
          </Alert>
        ) : null}
        <FormActions
          submitLabel={created ? "Adjuntar documento" : "Registrar"}
          busyLabel={attach.isPending ? "Subiendo…" : "Registrando…"}
          busy={busy}
          onCancel={close}
          cancelLabel={created ? "Cerrar" : "Cancelar"}
        />
      </form>
    </Dialog>
  );
}
