import { type FormEvent, useState } from "react";
import type { Agreement } from "../../../contracts/participation.js";
import {
  AGREEMENT_CHANGE_LABELS,
  type AgreementChangeKind,
  agreementChangeProblem,
  allowedChanges,
  changeHasDocument,
} from "../../../domain/agreement-terms.js";
import { isLocalDate } from "../../../domain/dates.js";
import { api } from "../../api/client";
import { ErrorAlert, FormError } from "../../ui/Alert";
import { Dialog } from "../../ui/Dialog";
import { FormActions } from "../../ui/FormActions";
import { formatLocalDate } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { SelectField } from "../../ui/SelectField";
import { Table } from "../../ui/Table";
import { TextAreaField, TextField } from "../../ui/TextField";
import { type Problems, useFieldProblems } from "../../ui/useFieldProblems";
import { fieldBinder, useFormValues } from "../../ui/useFormValues";
import { DocumentFileField } from "../uploads/DocumentFileField";
import { DocumentLink } from "./DocumentLink";
import { PastDateField } from "./PastDateField";
import { participationText } from "./participation";
import { useAgreementChanges, useRecordAgreementChange } from "./queries";

const FIELDS = ["kind", "effectiveOn", "validUntil", "reason"] as const;

interface Values {
  kind: string;
  effectiveOn: string;
  validUntil: string;
  reason: string;
}
const EMPTY: Values = { kind: "", effectiveOn: "", validUntil: "", reason: "" };

/**
 * An agreement's history after its signature (renewals, ratifications, suspensions, termination)
 * and, for admins, the form that records the next change with its signed document.
 */
export function AgreementChangesDialog({
  agreement,
  admin,
  onClose,
}: {
  agreement: Agreement | null;
  admin: boolean;
  onClose: () => void;
}) {
  const changes = useAgreementChanges(agreement?.municipality.cvegeo ?? null);
  return (
    <Dialog
      open={agreement !== null}
      title={`Vigencia del convenio${agreement ? ` de ${agreement.municipality.name}` : ""}`}
      onClose={onClose}
      wide
    >
      {agreement ? (
        <div className="stack">
          <p>
            Firmado el {formatLocalDate(agreement.signedOn)}. {participationText(agreement)}.
          </p>
          {changes.isPending ? <Loading label="Cargando la historia del convenio…" /> : null}
          <ErrorAlert error={changes.error} />
          {changes.data && changes.data.length > 0 ? (
            <Table
              caption="Historia del convenio"
              columns={["Fecha", "Cambio", "Motivo y documento", "Registró"]}
            >
              {changes.data.map((change) => (
                <tr key={change.id} data-change={change.kind}>
                  <td data-label="Fecha">{formatLocalDate(change.effectiveOn)}</td>
                  <th scope="row" data-label="Cambio">
                    {AGREEMENT_CHANGE_LABELS[change.kind]}
                    {change.validUntil ? (
                      <span className="cell-subtitle">
                        Vigente hasta el {formatLocalDate(change.validUntil)}
                      </span>
                    ) : null}
                  </th>
                  <td data-label="Motivo y documento">
                    {change.reason || (changeHasDocument(change.kind) ? "" : "—")}
                    {change.document ? (
                      <DocumentLink
                        href={api.agreements.changeDocumentUrl(change.id)}
                        label="Documento firmado"
                        document={change.document}
                      />
                    ) : changeHasDocument(change.kind) ? (
                      <span className="cell-subtitle">Sin documento firmado adjunto</span>
                    ) : null}
                  </td>
                  <td data-label="Registró">{change.createdBy ?? "—"}</td>
                </tr>
              ))}
            </Table>
          ) : changes.data ? (
            <p className="empty">Sin renovaciones, ratificaciones ni suspensiones.</p>
          ) : null}
          {admin ? <ChangeForm key={agreement.id} agreement={agreement} onDone={onClose} /> : null}
        </div>
      ) : null}
    </Dialog>
  );
}

function ChangeForm({ agreement, onDone }: { agreement: Agreement; onDone: () => void }) {
  const record = useRecordAgreementChange(agreement);
  const changes = useAgreementChanges(agreement.municipality.cvegeo);
  const { values, change } = useFormValues<Values>(EMPTY);
  const [file, setFile] = useState<File | null>(null);
  const { check, fieldError } = useFieldProblems(FIELDS, record.error, values);
  const bind = fieldBinder({ values, onChange: change, fieldError });
  const offered = allowedChanges(agreement.participation.status);
  const kind = values.kind as AgreementChangeKind | "";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Problems<(typeof FIELDS)[number]> = {
      kind: kind ? undefined : "Elija el cambio que desea registrar.",
      effectiveOn: isLocalDate(values.effectiveOn) ? undefined : "Indique la fecha.",
    };
    if (kind && !found.effectiveOn) {
      const problem = agreementChangeProblem(
        {
          signedOn: agreement.signedOn,
          participation: agreement.participation,
          lastChangeOn: changes.data?.at(-1)?.effectiveOn ?? null,
        },
        {
          kind,
          effectiveOn: values.effectiveOn,
          validUntil: values.validUntil || null,
          reason: values.reason,
        },
        new Date(),
      );
      if (problem) {
        const field =
          problem.code === "termination_reason_required" ||
          problem.code === "suspension_reason_required"
            ? "reason"
            : problem.code === "agreement_dates_out_of_order" && values.validUntil
              ? "validUntil"
              : problem.code === "agreement_change_not_allowed"
                ? "kind"
                : "effectiveOn";
        found[field] = problem.message;
      }
    }
    if (!check(found) || !kind) {
      return;
    }
    record.mutate(
      {
        body: {
          kind,
          effectiveOn: values.effectiveOn,
          validUntil: changeHasDocument(kind) && values.validUntil ? values.validUntil : null,
          reason: values.reason.trim(),
        },
        file: changeHasDocument(kind) ? file : null,
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form
      className="stack"
      onSubmit={submit}
      noValidate
      aria-label="Registrar un cambio del convenio"
    >
      <h3>Registrar un cambio</h3>
      <FormError error={record.error} fields={FIELDS} />
      <div className="form-grid">
        <SelectField
          label="Cambio"
          required
          value={values.kind}
          onChange={(value) => change({ kind: value })}
          blank="Elija…"
          options={offered.map((value) => ({ value, label: AGREEMENT_CHANGE_LABELS[value] }))}
          error={fieldError("kind")}
        />
        <PastDateField
          label="Fecha (firma, suspensión, reanudación o terminación)"
          {...bind("effectiveOn")}
        />
      </div>
      {kind && changeHasDocument(kind) ? (
        <>
          <TextField label="Vigente hasta (opcional)" type="date" {...bind("validUntil")} />
          <DocumentFileField
            label="Documento firmado"
            disabled={record.isPending}
            onChange={setFile}
          />
        </>
      ) : null}
      <TextAreaField
        label="Motivo"
        hint="Obligatorio para suspender o terminar; queda en la bitácora y en la historia."
        required={kind === "termination" || kind === "suspension"}
        rows={3}
        {...bind("reason")}
      />
      <FormActions submitLabel="Registrar cambio" busy={record.isPending} onCancel={onDone} />
    </form>
  );
}
