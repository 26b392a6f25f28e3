import { type FormEvent, useState } from "react";
import type { SessionUser } from "../../../contracts/auth.js";
import type { Extension } from "../../../contracts/extensions.js";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import { EXTENSION_STATUS_LABELS, type ExtensionStatus } from "../../../domain/extensions.js";
import { canRequestExtension } from "../../../domain/policy.js";
import { FormError } from "../../ui/Alert";
import { Badge, type BadgeTone } from "../../ui/Badge";
import { SubmitRow } from "../../ui/FormActions";
import { formatDateTime, formatLocalDate } from "../../ui/format";
import { QueryResults } from "../../ui/QueryResults";
import { TextAreaField, TextField } from "../../ui/TextField";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { pendingRequest, REQUEST_FIELDS, requestProblems } from "./extensionForms";
import { useInstanceExtensions, useRequestExtension } from "./queries";

const STATUS_TONES: Record<ExtensionStatus, BadgeTone> = {
  pending: "warning",
  approved: "success",
  refused: "danger",
};

export function ExtensionStatusBadge({ status }: { status: ExtensionStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{EXTENSION_STATUS_LABELS[status]}</Badge>;
}

/**
 * A tool's extensions (prórrogas): the state of each request, and for the municipality's
 * designated liaison, «Solicitar prórroga» while the tool is open and nothing is pending.
 */
export function ExtensionSection({
  tool,
  user,
}: {
  tool: ToolInstanceDetail;
  user: SessionUser | null;
}) {
  const requests = useInstanceExtensions(tool.id);
  const mayAsk =
    user !== null &&
    canRequestExtension(user, tool.municipality.cvegeo) &&
    tool.state !== "validated" &&
    tool.deadline !== null;
  return (
    <section className="card stack" aria-labelledby="prorroga-titulo">
      <h2 id="prorroga-titulo">Prórroga</h2>
      <QueryResults query={requests} loadingLabel="Cargando las prórrogas…">
        {(list) => (
          <>
            {list.length === 0 ? (
              <p className="empty">No se ha solicitado prórroga para esta herramienta.</p>
            ) : (
              <ul className="stack" aria-label="Solicitudes de prórroga">
                {list.map((request) => (
                  <li key={request.id}>
                    <ExtensionSummary request={request} />
                  </li>
                ))}
              </ul>
            )}
            {mayAsk && pendingRequest(list) === null ? <RequestForm tool={tool} /> : null}
          </>
        )}
      </QueryResults>
    </section>
  );
}

/** What was asked, when, and what was decided. */
export function ExtensionSummary({ request }: { request: Extension }) {
  return (
    <div className="stack stack--small" data-testid="extension">
      <p>
        <ExtensionStatusBadge status={request.status} /> Solicitada el{" "}
        {formatDateTime(request.requestedAt)}
        {request.requestedBy ? ` por ${request.requestedBy}` : ""}: nuevo plazo al{" "}
        {formatLocalDate(request.requestedOn)} (plazo vigente entonces:{" "}
        {formatLocalDate(request.deadlineBefore)}).
      </p>
      <p>Motivo: {request.reason}</p>
      {request.status === "approved" && request.grantedOn ? (
        <p>
          Aprobada hasta el <strong>{formatLocalDate(request.grantedOn)}</strong>
          {request.decidedBy ? ` por ${request.decidedBy}` : ""}.
        </p>
      ) : null}
      {request.status === "refused" ? (
        <p>Rechazada{request.decidedBy ? ` por ${request.decidedBy}` : ""}.</p>
      ) : null}
      {request.decisionReason ? <p>Motivo de la decisión: {request.decisionReason}</p> : null}
    </div>
  );
}

function RequestForm({ tool }: { tool: ToolInstanceDetail }) {
  const ask = useRequestExtension(tool.id);
  const [requestedOn, setRequestedOn] = useState("");
  const [reason, setReason] = useState("");
  const [general, setGeneral] = useState<string | null>(null);
  const { check, fieldError } = useFieldProblems(REQUEST_FIELDS, ask.error, {
    requestedOn,
    reason,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (ask.isPending) {
      return;
    }
    const found = requestProblems(tool, false, { requestedOn, reason });
    setGeneral(found.general);
    if (!check(found.fields) || found.general) {
      return;
    }
    ask.mutate({ requestedOn, reason: reason.trim() });
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Solicitar prórroga">
      <h3>Solicitar prórroga</h3>
      <TextField
        label="Nuevo plazo solicitado"
        type="date"
        hint={`Posterior al plazo vigente (${formatLocalDate(tool.deadline)}).`}
        value={requestedOn}
        onChange={setRequestedOn}
        error={fieldError("requestedOn")}
        required
      />
      <TextAreaField
        label="Motivo"
        rows={3}
        maxLength={2000}
        value={reason}
        onChange={setReason}
        error={fieldError("reason")}
        required
      />
      {general ? <p className="field__error">{general}</p> : null}
      <FormError error={ask.error} fields={REQUEST_FIELDS} />
      <SubmitRow busy={ask.isPending} busyLabel="Enviando…">
        Solicitar prórroga
      </SubmitRow>
    </form>
  );
}
