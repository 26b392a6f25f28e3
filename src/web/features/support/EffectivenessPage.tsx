import { type FormEvent, type ReactNode, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { Effectiveness, Tally } from "../../../contracts/support.js";
import { MAX_EFFECTIVENESS_DAYS } from "../../../domain/support-effectiveness.js";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { formatLocalDate, formatNumber } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { QueryResults } from "../../ui/QueryResults";
import { Table } from "../../ui/Table";
import { numeric } from "../../ui/TableHead";
import { TextField } from "../../ui/TextField";
import { StateBadge } from "../tools/StateBadge";
import { readEffectivenessDays } from "./filters";
import { formatRate, OUTCOME_LABELS, OUTCOME_TONES, SUPPORT_ACTION_TYPE_LABELS } from "./labels";
import { useEffectiveness } from "./queries";
import { SupportNav } from "./SupportNav";
import "./support.css";

/** Did it work: the gaps each held action addressed, and how many closed within the window. */
export function EffectivenessPage() {
  const [search, setSearch] = useSearchParams();
  const days = readEffectivenessDays(search);
  const report = useEffectiveness(days);
  const data = report.data;
  return (
    <div className="stack stack--large">
      <PageHeader
        title="¿Funcionó?"
        description={
          <p>
            Para cada acción realizada, cada municipio invitado y cada herramienta atendida: su
            estado entonces y ahora, y si se envió y se validó dentro de la ventana de días después
            de la acción.
          </p>
        }
      />
      <SupportNav />
      <WindowForm
        key={data?.windowDays ?? "sin-datos"}
        days={data?.windowDays ?? days}
        onApply={(value) => setSearch(value ? { dias: String(value) } : {}, { replace: true })}
      />
      <QueryResults
        query={report}
        loadingLabel="Midiendo la efectividad…"
        className="stack stack--large"
      >
        {(data) => (
          <>
            <p className="note">
              Una brecha atendida se cierra cuando la herramienta se valida a más tardar{" "}
              {formatNumber(data.windowDays)} días después de la acción. Las herramientas que ya
              estaban validadas no cuentan; las que siguen dentro de su ventana cuentan como aún no
              cerradas.
            </p>
            <Summary tally={data.overall} />
            {data.actions.length === 0 ? (
              <p className="empty">Aún no hay acciones realizadas que medir.</p>
            ) : (
              <>
                <ByAction data={data} />
                <FiguresTable
                  title="Por herramienta"
                  id="por-herramienta"
                  head="Herramienta"
                  rows={data.byTool.map((row) => ({
                    key: row.tool,
                    label: (
                      <>
                        <span className="mono">{row.tool}</span> {row.toolName}
                      </>
                    ),
                    actions: row.actions,
                    tally: row.tally,
                  }))}
                />
                <FiguresTable
                  title="Por persona facilitadora"
                  id="por-facilitador"
                  head="Persona facilitadora"
                  rows={data.byFacilitator.map((row) => ({
                    key: row.facilitator.id,
                    label: row.facilitator.name,
                    actions: row.actions,
                    tally: row.tally,
                  }))}
                />
              </>
            )}
          </>
        )}
      </QueryResults>
    </div>
  );
}

function WindowForm({
  days,
  onApply,
}: {
  days: number | undefined;
  onApply: (days: number) => void;
}) {
  const [value, setValue] = useState(days === undefined ? "" : String(days));
  const [problem, setProblem] = useState<string | undefined>();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > MAX_EFFECTIVENESS_DAYS) {
      setProblem(`Un número entero de 1 a ${MAX_EFFECTIVENESS_DAYS}.`);
      return;
    }
    setProblem(undefined);
    onApply(parsed);
  }
  return (
    <form
      className="toolbar filters support-window"
      onSubmit={submit}
      noValidate
      aria-label="Ventana de medición"
    >
      <TextField
        label="Ventana (días después de la acción)"
        error={problem}
        className="input input--number"
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_EFFECTIVENESS_DAYS}
        value={value}
        onChange={setValue}
      />
      <div>
        <Button type="submit">Aplicar</Button>
      </div>
    </form>
  );
}

function Summary({ tally }: { tally: Tally }) {
  const figures = [
    { label: "Brechas atendidas", value: formatNumber(tally.addressed) },
    {
      label: "Cerradas a tiempo",
      value: `${formatNumber(tally.closed)} (${formatRate(tally.closedRate)})`,
    },
    {
      label: "Enviadas en la ventana",
      value: `${formatNumber(tally.submitted)} (${formatRate(tally.submittedRate)})`,
    },
    { label: "Con la ventana abierta", value: formatNumber(tally.windowOpen) },
    { label: "Ya validadas (no cuentan)", value: formatNumber(tally.alreadyValidated) },
  ];
  return (
    <dl className="support-summary" aria-label="Resumen">
      {figures.map((figure) => (
        <div key={figure.label} className="panel support-summary__item">
          <dt>{figure.label}</dt>
          <dd>{figure.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ByAction({ data }: { data: Effectiveness }) {
  return (
    <section className="stack" aria-labelledby="por-accion-titulo">
      <h2 id="por-accion-titulo">Por acción</h2>
      <FiguresTable
        title="Por acción"
        id="por-accion-tabla"
        head="Acción"
        hideTitle
        rows={data.actions.map((action) => ({
          key: action.id,
          label: (
            <>
              <Link to={`/acompanamiento/acciones/${action.id}`}>{action.title}</Link>
              <span className="cell-subtitle">
                {SUPPORT_ACTION_TYPE_LABELS[action.type]} · {formatLocalDate(action.heldOn)} ·
                ventana al {formatLocalDate(action.windowEndsOn)}
              </span>
              {action.facilitators.length > 0 ? (
                <span className="cell-subtitle">{action.facilitators.join(", ")}</span>
              ) : null}
            </>
          ),
          actions: null,
          tally: action.tally,
        }))}
      />
      <h3>Detalle por acción</h3>
      {data.actions.map((action) => (
        <details
          key={action.id}
          className="panel support-detail"
          data-effectiveness-action={action.id}
        >
          <summary>
            {action.title}{" "}
            <span className="muted">
              ({formatLocalDate(action.heldOn)} · {formatRate(action.tally.closedRate)} cerradas)
            </span>
          </summary>
          <Table
            caption={`Detalle de ${action.title}`}
            className="table--stack table--compact"
            columns={[
              "Municipio",
              "Herramienta",
              "Entonces",
              "Ahora",
              "Enviada",
              "Validada",
              "Resultado",
            ]}
          >
            {action.rows.map((row) => (
              <tr key={`${row.municipality.cvegeo}-${row.tool}`}>
                <th scope="row" data-label="Municipio">
                  {row.municipality.name}
                </th>
                <td data-label="Herramienta" className="mono">
                  {row.tool}
                </td>
                <td data-label="Entonces">
                  {row.baseline ? <StateBadge state={row.baseline} /> : "—"}
                </td>
                <td data-label="Ahora">
                  {row.stateNow ? <StateBadge state={row.stateNow} /> : "—"}
                </td>
                <td data-label="Enviada">{row.submittedWithin ? "Sí" : "No"}</td>
                <td data-label="Validada">{row.validatedWithin ? "Sí" : "No"}</td>
                <td data-label="Resultado">
                  <Badge tone={OUTCOME_TONES[row.outcome]}>{OUTCOME_LABELS[row.outcome]}</Badge>
                </td>
              </tr>
            ))}
          </Table>
        </details>
      ))}
    </section>
  );
}

/** The figures of a tally, one column each. */
const TALLY_COLUMNS: { label: string; cell: (tally: Tally) => ReactNode }[] = [
  { label: "Atendidas", cell: (tally) => formatNumber(tally.addressed) },
  { label: "Cerradas", cell: (tally) => formatNumber(tally.closed) },
  { label: "Tasa de cierre", cell: (tally) => <strong>{formatRate(tally.closedRate)}</strong> },
  { label: "Enviadas", cell: (tally) => formatNumber(tally.submitted) },
  { label: "Ventana abierta", cell: (tally) => formatNumber(tally.windowOpen) },
];

function FiguresTable({
  title,
  id,
  head,
  rows,
  hideTitle = false,
}: {
  title: string;
  id: string;
  head: string;
  rows: { key: string; label: ReactNode; actions: number | null; tally: Tally }[];
  hideTitle?: boolean;
}) {
  const withActions = rows.some((row) => row.actions !== null);
  const table = (
    <Table
      caption={title}
      className="table--stack"
      id={id}
      columns={[
        head,
        withActions ? numeric("Acciones") : null,
        ...TALLY_COLUMNS.map((column) => numeric(column.label)),
      ]}
    >
      {rows.map((row) => (
        <tr key={row.key}>
          <th scope="row" data-label={head}>
            {row.label}
          </th>
          {withActions ? (
            <td data-label="Acciones" className="numeric">
              {formatNumber(row.actions)}
            </td>
          ) : null}
          {TALLY_COLUMNS.map((column) => (
            <td key={column.label} data-label={column.label} className="numeric">
              {column.cell(row.tally)}
            </td>
          ))}
        </tr>
      ))}
    </Table>
  );
  if (hideTitle) {
    return table;
  }
  return (
    <section className="stack" aria-labelledby={`${id}-titulo`}>
      <h2 id={`${id}-titulo`}>{title}</h2>
      {table}
    </section>
  );
}
