import { type FormEvent, useState } from "react";
import type { EvidenceFile } from "../../../contracts/participation.js";
import {
  canDeleteEvidence,
  canSetPublic,
  canWithdraw,
  PUBLICATION_LABELS,
  type PublicationState,
  WITHDRAWAL_REASON_MAX,
  withdrawalReasonProblem,
} from "../../../domain/publication.js";
import type { Role } from "../../../domain/roles.js";
import type { ToolState } from "../../../domain/tool-state.js";
import { api } from "../../api/client";
import { FormError } from "../../ui/Alert";
import { Badge, type BadgeTone } from "../../ui/Badge";
import { ConfirmDialog, Dialog } from "../../ui/Dialog";
import { FormActions } from "../../ui/FormActions";
import { formatBytes, formatDateTime, formatLocalDate } from "../../ui/format";
import { Table } from "../../ui/Table";
import { ACTIONS_COLUMN } from "../../ui/TableHead";
import { TextAreaField } from "../../ui/TextField";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { canPreview, EvidencePreview } from "./EvidencePreview";
import { useDeleteEvidence, useSetEvidencePublic, useWithdrawEvidence } from "./queries";

const PUBLICATION_TONES: Record<PublicationState, BadgeTone> = {
  published: "success",
  to_publish: "info",
  returned: "warning",
  private: "neutral",
  withdrawn: "danger",
};

/** Who looks at the list, and the instance's state: which actions each version offers. */
export interface EvidenceActions {
  instanceId: string;
  cvegeo: string;
  role: Role;
  instanceState: ToolState;
}

/**
 * Every version of the instance's documents, newest first, with download and preview, whether
 * each is public, and the actions the person may take on it: delete a draft (the liaison),
 * withdraw a public document (the liaison and staff), and, while reviewing, decide whether a file
 * of the submission will be published (staff).
 */
export function EvidenceList({
  evidence,
  actions,
}: {
  evidence: EvidenceFile[];
  actions?: EvidenceActions;
}) {
  const [previewing, setPreviewing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<EvidenceFile | null>(null);
  const [withdrawing, setWithdrawing] = useState<EvidenceFile | null>(null);
  if (evidence.length === 0) {
    return <p className="empty">Todavía no hay documentos.</p>;
  }
  const sorted = [...evidence].sort((a, b) => b.version - a.version);
  const shown = sorted.find((file) => file.id === previewing) ?? null;
  return (
    <div className="stack">
      <Table
        caption="Documentos"
        className="table--stack"
        columns={["Versión", "Documento", "Vigencia", "Subido", ACTIONS_COLUMN]}
      >
        {sorted.map((file) => (
          <tr key={file.id} data-evidence-version={file.version}>
            <td data-label="Versión">v{file.version}</td>
            <th scope="row" data-label="Documento">
              <span className="cell-title break">{file.fileName}</span>
              <span className="cell-subtitle">
                {formatBytes(file.size)}{" "}
                <Badge tone={PUBLICATION_TONES[file.publication]}>
                  {PUBLICATION_LABELS[file.publication]}
                </Badge>
              </span>
              {file.withdrawal ? (
                <span className="cell-subtitle" data-withdrawal>
                  Motivo: {file.withdrawal.reason} · {file.withdrawal.by},{" "}
                  {formatDateTime(file.withdrawal.at)}
                </span>
              ) : null}
              {actions ? <PublicToggle file={file} actions={actions} /> : null}
            </th>
            <td data-label="Vigencia">{formatLocalDate(file.effectiveOn)}</td>
            <td data-label="Subido">
              {formatDateTime(file.uploadedAt)}
              <span className="cell-subtitle">{file.uploadedBy}</span>
            </td>
            <td className="actions-cell">
              <div className="button-row button-row--tight">
                <a
                  className="button button--secondary button--small"
                  href={api.evidence.downloadUrl(file.id)}
                  download
                >
                  Descargar<span className="visually-hidden"> v{file.version}</span>
                </a>
                {canPreview(file) ? (
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    aria-pressed={previewing === file.id}
                    onClick={() => setPreviewing(previewing === file.id ? null : file.id)}
                  >
                    Vista previa<span className="visually-hidden"> v{file.version}</span>
                  </button>
                ) : null}
                {actions && canWithdraw(actions.role, file.publication).ok ? (
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    onClick={() => setWithdrawing(file)}
                  >
                    Retirar de publicación
                    <span className="visually-hidden"> v{file.version}</span>
                  </button>
                ) : null}
                {actions && canDeleteEvidence(actions.role, file.sentWith).ok ? (
                  <button
                    type="button"
                    className="button button--danger button--small"
                    onClick={() => setDeleting(file)}
                  >
                    Eliminar<span className="visually-hidden"> v{file.version}</span>
                  </button>
                ) : null}
              </div>
            </td>
          </tr>
        ))}
      </Table>
      {shown ? <EvidencePreview file={shown} /> : null}
      {actions ? (
        <>
          <DeleteDialog file={deleting} actions={actions} onClose={() => setDeleting(null)} />
          <WithdrawDialog file={withdrawing} onClose={() => setWithdrawing(null)} />
        </>
      ) : null}
    </div>
  );
}

/** While reviewing: whether a file of the submission under review will be published. */
function PublicToggle({ file, actions }: { file: EvidenceFile; actions: EvidenceActions }) {
  const setPublic = useSetEvidencePublic();
  const allowed = canSetPublic(actions.role, actions.instanceState, {
    withdrawn: file.withdrawal !== null,
    sentWith: file.sentWith,
  }).ok;
  if (!allowed) {
    return null;
  }
  return (
    <span className="cell-subtitle">
      <label className="choice">
        <input
          type="checkbox"
          checked={file.isPublic}
          disabled={setPublic.isPending}
          onChange={(event) => setPublic.mutate({ id: file.id, isPublic: event.target.checked })}
        />
        <span>
          Publicar al validarse<span className="visually-hidden"> v{file.version}</span>
        </span>
      </label>
      <FormError error={setPublic.error} />
    </span>
  );
}

function DeleteDialog({
  file,
  actions,
  onClose,
}: {
  file: EvidenceFile | null;
  actions: EvidenceActions;
  onClose: () => void;
}) {
  const remove = useDeleteEvidence(actions.instanceId, actions.cvegeo);
  return (
    <ConfirmDialog
      open={file !== null}
      title="Eliminar borrador"
      confirmLabel="Eliminar"
      busyLabel="Eliminando…"
      variant="danger"
      mutation={remove}
      onCancel={onClose}
      onConfirm={() => {
        if (file) {
          remove.mutate(file.id, { onSuccess: onClose });
        }
      }}
    >
      <p>
        Se eliminará «{file?.fileName}» (v{file?.version}). Es un borrador que nunca se envió a
        revisión; esta acción queda en la bitácora y no se puede deshacer.
      </p>
    </ConfirmDialog>
  );
}

const REASON_FIELDS = ["reason"] as const;

function WithdrawDialog({ file, onClose }: { file: EvidenceFile | null; onClose: () => void }) {
  const withdraw = useWithdrawEvidence();
  const [reason, setReason] = useState("");
  const { check, clear, fieldError } = useFieldProblems(REASON_FIELDS, withdraw.error);

  function close() {
    withdraw.reset();
    setReason("");
    clear();
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file || !check({ reason: withdrawalReasonProblem(reason) ?? undefined })) {
      return;
    }
    withdraw.mutate({ id: file.id, reason: reason.trim() }, { onSuccess: close });
  }

  return (
    <Dialog open={file !== null} title="Retirar de publicación" onClose={close} wide>
      <form className="stack" onSubmit={submit} noValidate aria-label="Retirar de publicación">
        <p>
          «{file?.fileName}» (v{file?.version}) dejará de mostrarse de inmediato en el portal
          público, los datos abiertos y la API pública. Seguirá en el expediente, marcado «Retirado
          de publicación» con el motivo, quién y cuándo.
        </p>
        <FormError error={withdraw.error} fields={REASON_FIELDS} />
        <TextAreaField
          label="Motivo del retiro"
          hint="Por ejemplo: contiene datos personales. Queda registrado en la bitácora."
          required
          error={fieldError("reason")}
          rows={3}
          maxLength={WITHDRAWAL_REASON_MAX}
          value={reason}
          onChange={(value) => {
            setReason(value);
            clear();
          }}
        />
        <FormActions
          submitLabel="Retirar de publicación"
          busyLabel="Retirando…"
          busy={withdraw.isPending}
          onCancel={close}
        />
      </form>
    </Dialog>
  );
}
