import { type FormEvent, useId, useState } from "react";
import { Link, useParams } from "react-router";
import type { PeriodReport } from "../../../contracts/indicators.js";
import {
  correctionReasonProblem,
  formatIndicatorValue,
  PERIOD_STANDING_LABELS,
} from "../../../domain/indicators.js";
import { canDraftIndicatorValues, canSubmitIndicatorReport } from "../../../domain/policy.js";
import { registerFigureBasis } from "../../../domain/training-indicators.js";
import { Alert, FormError } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { formatDateTime, formatLocalDate } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { QueryPending } from "../../ui/QueryResults";
import { Table } from "../../ui/Table";
import { numeric } from "../../ui/TableHead";
import { TextField } from "../../ui/TextField";
import { useCurrentUser } from "../auth/session";
import {
  correctionRequest,
  initialValues,
  registerValueText,
  STANDING_TONES,
  saveRequest,
  usesRegisterFigure,
  type ValueRow,
  valueProblems,
} from "./forms";
import { useCorrectPeriod, usePeriodReport, useSavePeriod, useSubmitPeriod } from "./queries";
import { ReadingCells } from "./ReadingCells";

/** One period of M2: its values in a form (draft, then submitted by the liaison), or as sent. */
export function PeriodPage() {
  const { id = "", period = "" } = useParams();
  const query = usePeriodReport(id, period);
  if (!query.isSuccess) {
    return <QueryPending query={query} loadingLabel="Cargando el periodo…" />;
  }
  const report = query.data;
  return (
    <div className="stack stack--large">
      <PageHeader
        title={`Indicadores · ${report.period.label}`}
        description={
          <p>
            <Badge tone={STANDING_TONES[report.period.standing]}>
              {PERIOD_STANDING_LABELS[report.period.standing]}
            </Badge>{" "}
            Fecha límite: {formatLocalDate(report.period.dueOn)}
            {report.period.submittedAt
              ? ` · enviado el ${formatDateTime(report.period.submittedAt)}`
              : ""}{" "}
            · <Link to={`/herramientas/${id}/indicadores`}>Volver a los indicadores</Link>
          </p>
        }
      />
      {report.period.status === "submitted" ? (
        <>
          <SubmittedValues report={report} />
          <CorrectionForm key={report.revision} report={report} />
        </>
      ) : (
        <PeriodForm key={report.revision} report={report} />
      )}
    </div>
  );
}

function SubmittedValues({ report }: { report: PeriodReport }) {
  return (
    <Table
      caption={`Valores de ${report.period.label}`}
      columns={["Indicador", numeric("Valor"), numeric("Meta"), "Semáforo", "Nota"]}
    >
      {report.rows.map((row) => (
        <tr key={row.code}>
          <th scope="row">
            {row.code} · {row.name}
          </th>
          <ReadingCells indicator={row} reading={row} />
          <td>
            {row.note ?? ""}
            {row.corrections.map((correction) => (
              <p key={correction.correctedAt} className="small" data-testid="indicator-correction">
                Corregido el {formatDateTime(correction.correctedAt)} por {correction.correctedBy}:
                antes {formatIndicatorValue(row, correction.previousValue)}, ahora{" "}
                {formatIndicatorValue(row, correction.value)}. Motivo: {correction.reason}
              </p>
            ))}
          </td>
        </tr>
      ))}
    </Table>
  );
}

/**
 * The designated liaison corrects a sent period: the values that change and why. The previous
 * values stay, shown beside the new ones.
 */
function CorrectionForm({ report }: { report: PeriodReport }) {
  const user = useCurrentUser();
  const { instanceId } = report;
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<ValueRow[]>(() => initialValues(report));
  const [reason, setReason] = useState("");
  const [checked, setChecked] = useState(false);
  const correct = useCorrectPeriod(instanceId, report.period.key);
  const cvegeo = user?.municipality?.cvegeo ?? "";
  if (user === null || !canSubmitIndicatorReport(user, cvegeo)) {
    return null;
  }
  if (!open) {
    return (
      <p>
        <Button onClick={() => setOpen(true)}>Corregir valores enviados</Button>
      </p>
    );
  }
  const problems = valueProblems(report, rows);
  const reasonProblem = correctionReasonProblem(reason);
  const changed = correctionRequest(report, rows);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(problems).length > 0 || reasonProblem || changed.length === 0) {
      return;
    }
    correct.mutate({ values: changed, reason, expectedRevision: report.revision });
  };
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-label="Corregir el periodo">
      <h2>Corregir valores enviados</h2>
      <p className="small">
        Cambie solo los valores que corrige y diga por qué. El valor anterior se conserva y se
        muestra junto al nuevo; la corrección queda en la bitácora.
      </p>
      {report.rows.map((row) => {
        const value = rows.find((r) => r.code === row.code);
        if (!value) {
          return null;
        }
        const setValue = (text: string) =>
          setRows((current) =>
            current.map((r) => (r.code === row.code ? { ...r, value: text } : r)),
          );
        return (
          <div key={row.code} className="stack">
            <TextField
              label={`Valor corregido de ${row.code} (${row.unit})`}
              hint={`${row.name} · enviado: ${formatIndicatorValue(row, row.value)}`}
              inputMode="decimal"
              value={value.value}
              onChange={setValue}
              error={checked ? problems[row.code] : undefined}
            />
            <RegisterFigureHint
              row={row}
              period={report.period}
              typed={value.value}
              onUse={setValue}
            />
          </div>
        );
      })}
      <TextField
        label="Motivo de la corrección"
        value={reason}
        onChange={setReason}
        maxLength={500}
        error={checked ? (reasonProblem ?? undefined) : undefined}
      />
      {checked && changed.length === 0 ? (
        <Alert tone="warning">Ningún valor cambió: no hay nada que corregir.</Alert>
      ) : null}
      <FormError error={correct.error} fields={["reason", ...report.rows.map((row) => row.code)]} />
      <div className="button-row button-row--end">
        <Button onClick={() => setOpen(false)}>Cancelar</Button>
        <Button type="submit" variant="primary" busy={correct.isPending} busyLabel="Corrigiendo…">
          Guardar la corrección
        </Button>
      </div>
    </form>
  );
}

function PeriodForm({ report }: { report: PeriodReport }) {
  const { instanceId } = report;
  const key = report.period.key;
  const user = useCurrentUser();
  const [rows, setRows] = useState<ValueRow[]>(() => initialValues(report));
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useSavePeriod(instanceId, key);
  const send = useSubmitPeriod(instanceId, key);
  const cvegeo = user?.municipality?.cvegeo ?? "";
  const mayDraft = user !== null && canDraftIndicatorValues(user, cvegeo);
  const maySubmit = user !== null && canSubmitIndicatorReport(user, cvegeo);
  const problems = valueProblems(report, rows);
  const update = (code: string, change: Partial<ValueRow>) => {
    setSaved(false);
    setRows((current) => current.map((row) => (row.code === code ? { ...row, ...change } : row)));
  };

  const persist = (then?: (revision: number) => void) => {
    setChecked(true);
    if (Object.keys(problems).length > 0) {
      return;
    }
    save.mutate(saveRequest(rows, report.revision), {
      onSuccess: (fresh) => (then ? then(fresh.revision) : setSaved(true)),
    });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    persist();
  };

  if (!mayDraft) {
    return <SubmittedValues report={report} />;
  }
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-label="Valores del periodo">
      <p className="small">
        Capture el valor de cada indicador. Los valores se guardan como borrador; la persona enlace
        designada envía el periodo cuando están completos.
      </p>
      {report.rows.map((row) => {
        const value = rows.find((r) => r.code === row.code);
        if (!value) {
          return null;
        }
        return (
          <fieldset key={row.code} className="stack indicator-choice">
            <legend>
              {row.code} · {row.name}
            </legend>
            <TextField
              label={`Valor de ${row.code} (${row.unit})`}
              hint={`Meta: ${formatIndicatorValue(row, row.target)} · ${row.formula}${
                row.linkedValue !== null
                  ? ` · índice de la encuesta M1: ${formatIndicatorValue(row, row.linkedValue)}`
                  : ""
              }`}
              inputMode="decimal"
              value={value.value}
              onChange={(text) => update(row.code, { value: text })}
              error={checked ? problems[row.code] : undefined}
            />
            <RegisterFigureHint
              row={row}
              period={report.period}
              typed={value.value}
              onUse={(text) => update(row.code, { value: text })}
            />
            <TextField
              label={`Nota de ${row.code} (opcional)`}
              value={value.note}
              onChange={(note) => update(row.code, { note })}
              maxLength={500}
            />
          </fieldset>
        );
      })}
      <FormError error={save.error ?? send.error} fields={report.rows.map((row) => row.code)} />
      {saved ? <Alert tone="success">Borrador guardado.</Alert> : null}
      <div className="button-row button-row--end">
        <Button type="submit" busy={save.isPending} busyLabel="Guardando…">
          Guardar borrador
        </Button>
        {maySubmit ? (
          <Button
            variant="primary"
            busy={send.isPending}
            busyLabel="Enviando…"
            onClick={() => persist((revision) => send.mutate(revision))}
          >
            Enviar el periodo
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * What the municipality's R2/R3 training register says for an indicator it feeds, and the button
 * that types it into the value (the value stays editable: another figure may be typed instead).
 */
function RegisterFigureHint({
  row,
  period,
  typed,
  onUse,
}: {
  row: PeriodReport["rows"][number];
  period: PeriodReport["period"];
  typed: string;
  onUse: (text: string) => void;
}) {
  const basisId = useId();
  const figure = row.registerFigure;
  if (figure === null) {
    return null;
  }
  const text = registerValueText(row);
  const label = `Usar el dato del registro (${formatIndicatorValue(row, figure.value)})`;
  return (
    <div className="stack" data-testid={`register-figure-${row.code}`}>
      <p id={basisId} className="small">
        {registerFigureBasis(figure, period)}
      </p>
      {text === null ? null : (
        <div className="button-row">
          <Button
            size="small"
            // The visible words first (label in name), then the indicator: one button per row.
            aria-label={`${label} en ${row.code}`}
            aria-describedby={basisId}
            onClick={() => onUse(text)}
          >
            {label}
          </Button>
          <span role="status" className="small">
            {usesRegisterFigure(row, typed) ? "El valor es el dato del registro." : ""}
          </span>
        </div>
      )}
    </div>
  );
}
