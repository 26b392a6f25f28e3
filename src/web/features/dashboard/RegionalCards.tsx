import type { ReactNode } from "react";
import type { RegionalDashboard } from "../../../contracts/dashboard.js";
import { TOOL_STATE_LABELS } from "../../../domain/tool-state.js";
import { formatLocalDate, formatNumber, plural } from "../../ui/format";
import { type HeadColumns, numeric, TableHead } from "../../ui/TableHead";
import { formatDays, formatPercent } from "./format";
import { PercentBar } from "./PercentBar";

/** The headline figures of the region. */
export function RegionalKpis({ data }: { data: RegionalDashboard }) {
  return (
    <section aria-labelledby="indicadores-titulo" className="stack">
      <h2 id="indicadores-titulo" className="visually-hidden">
        Indicadores
      </h2>
      <ul className="kpi-grid">
        <li className="panel kpi">
          <span className="kpi__label">Índice de implementación (media)</span>
          <span className="kpi__value">{formatPercent(data.index.mean)}</span>
          <span className="kpi__note">Mediana {formatPercent(data.index.median)}</span>
        </li>
        <li className="panel kpi">
          <span className="kpi__label">Entregas a tiempo</span>
          <span className="kpi__value">{formatPercent(data.onTime.rate)}</span>
          <span className="kpi__note">
            {formatNumber(data.onTime.onTime)} de {formatNumber(data.onTime.due)} entregas vencidas
            o validadas
          </span>
        </li>
        <li className="panel kpi kpi--danger">
          <span className="kpi__label">Herramientas vencidas</span>
          <span className="kpi__value">{formatNumber(data.overdue.tools)}</span>
          <span className="kpi__note">
            en {plural(data.overdue.municipalities, "municipio", "municipios")}
          </span>
        </li>
        <li className="panel kpi">
          <span className="kpi__label">Entregas en revisión</span>
          <span className="kpi__value">{formatNumber(data.reviewBacklog.submitted)}</span>
          <span className="kpi__note">
            Espera mediana {formatDays(data.reviewBacklog.medianDaysWaiting)}; la más larga{" "}
            {formatDays(data.reviewBacklog.longestDaysWaiting)}
          </span>
        </li>
        <li className="panel kpi">
          <span className="kpi__label">Observaciones abiertas</span>
          <span className="kpi__value">{formatNumber(data.openObservations)}</span>
          <span className="kpi__note">de herramientas devueltas al municipio</span>
        </li>
      </ul>
    </section>
  );
}

/** How many municipalities fall in each band of the index. */
export function DistributionCard({ data }: { data: RegionalDashboard }) {
  return (
    <CardTable
      id="distribucion-titulo"
      title="Distribución del índice"
      bars
      caption="Municipios con convenio por tramo del índice de implementación"
      columns={["Tramo", numeric("Municipios"), { label: "Proporción", hidden: true }]}
    >
      <tbody>
        {data.histogram.map((bin) => (
          <tr key={bin.from}>
            <th scope="row">
              {bin.from} a {bin.to} %
            </th>
            <td className="numeric">{formatNumber(bin.count)}</td>
            <BarCell value={(100 * bin.count) / data.participants} />
          </tr>
        ))}
      </tbody>
    </CardTable>
  );
}

/** Mean and median of each dimension. */
export function DimensionsCard({ data }: { data: RegionalDashboard }) {
  return (
    <CardTable
      id="dimensiones-titulo"
      title="Por dimensión"
      bars
      columns={[
        "Dimensión",
        numeric("Media"),
        numeric("Mediana"),
        { label: "Media en barra", hidden: true },
      ]}
    >
      <tbody>
        {data.dimensions.map((dimension) => (
          <tr key={dimension.code}>
            <th scope="row">{dimension.name}</th>
            <td className="numeric">{formatPercent(dimension.mean)}</td>
            <td className="numeric">{formatPercent(dimension.median)}</td>
            <BarCell value={dimension.mean} />
          </tr>
        ))}
      </tbody>
    </CardTable>
  );
}

/** Each tool: its mean, how many municipalities are in each state, the lagging ones marked. */
export function ToolsCard({ data }: { data: RegionalDashboard }) {
  const lagging = new Set(data.lagging);
  return (
    <Card id="herramientas-titulo" title="Por herramienta">
      {data.lagging.length > 0 ? (
        <p>
          <strong>Más rezagadas:</strong>{" "}
          {data.lagging
            .map((code) => {
              const tool = data.tools.find((t) => t.code === code);
              return tool ? `${tool.code} ${tool.name} (${formatPercent(tool.mean)})` : code;
            })
            .join("; ")}
          .
        </p>
      ) : null}
      <section
        className="table-wrap"
        // A table that scrolls sideways must be reachable by keyboard to be scrolled.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the region scrolls; focus lets keys scroll it.
        tabIndex={0}
        aria-labelledby="herramientas-titulo"
      >
        <table className="table table--compact tool-summary">
          <caption className="visually-hidden">
            Avance medio de cada herramienta y municipios en cada estado
          </caption>
          <TableHead
            columns={[
              "Herramienta",
              numeric("Media"),
              numeric(TOOL_STATE_LABELS.validated),
              numeric(TOOL_STATE_LABELS.submitted),
              numeric(TOOL_STATE_LABELS.changes_requested),
              numeric("Sin enviar"),
              numeric("Vencidas"),
            ]}
          />
          <tbody>
            {data.tools.map((tool) => (
              <tr key={tool.code} className={lagging.has(tool.code) ? "is-lagging" : undefined}>
                <th scope="row">
                  <span className="code-chip">{tool.code}</span> {tool.name}
                  {lagging.has(tool.code) ? (
                    <span className="visually-hidden"> (rezagada)</span>
                  ) : null}
                </th>
                <td className="numeric tool-summary__mean">
                  {formatPercent(tool.mean)}
                  <PercentBar
                    value={tool.mean}
                    tone={lagging.has(tool.code) ? "danger" : "primary"}
                  />
                </td>
                <td className="numeric">{formatNumber(tool.states.validated)}</td>
                <td className="numeric">{formatNumber(tool.states.submitted)}</td>
                <td className="numeric">{formatNumber(tool.states.changes_requested)}</td>
                <td className="numeric">
                  {formatNumber(tool.states.pending + tool.states.in_progress)}
                </td>
                <td className="numeric">{formatNumber(tool.overdue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Card>
  );
}

/** Each cohort of agreements. */
export function CohortsCard({ data }: { data: RegionalDashboard }) {
  return (
    <CardTable
      id="cohortes-titulo"
      title="Por cohorte"
      columns={[
        "Cohorte",
        "Primer convenio",
        numeric("Municipios"),
        numeric("Índice medio"),
        numeric("Mediana"),
        numeric("Vencidas"),
      ]}
    >
      <tbody>
        {data.cohorts.map((cohort) => (
          <tr key={cohort.cohort}>
            <th scope="row">{cohort.cohort}</th>
            <td>{formatLocalDate(cohort.firstSignedOn)}</td>
            <td className="numeric">{formatNumber(cohort.municipalities)}</td>
            <td className="numeric">{formatPercent(cohort.meanIndex)}</td>
            <td className="numeric">{formatPercent(cohort.medianIndex)}</td>
            <td className="numeric">{formatNumber(cohort.overdueTools)}</td>
          </tr>
        ))}
      </tbody>
    </CardTable>
  );
}

/** One of the dashboard's cards, named by its heading. */
export function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card stack">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** The last cell of a row of a card's bar table: the row's figure drawn as a bar. */
function BarCell({ value }: { value: number | null }) {
  return (
    <td className="bar-table__bar">
      <PercentBar value={value} />
    </td>
  );
}

/**
 * A card holding one compact table: its heading names the card, its caption the table. A table
 * with `bars` ends each row with a `BarCell`.
 */
function CardTable({
  id,
  title,
  bars = false,
  caption,
  columns,
  children,
}: {
  id: string;
  title: string;
  bars?: boolean;
  caption?: string;
  columns: HeadColumns;
  /** The table's body. */
  children: ReactNode;
}) {
  return (
    <Card id={id} title={title}>
      <div className="table-wrap">
        <table className={bars ? "table table--compact bar-table" : "table table--compact"}>
          {caption ? <caption className="visually-hidden">{caption}</caption> : null}
          <TableHead columns={columns} />
          {children}
        </table>
      </div>
    </Card>
  );
}
