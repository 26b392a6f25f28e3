import { Fragment, memo, useId, useState } from "react";
import { Link } from "react-router";
import type {
  DeadlineItem,
  MunicipalDashboard as MunicipalDashboardData,
} from "../../../contracts/dashboard.js";
import { cycleNotes } from "../../../domain/progress.js";
import { OBSERVATION_TYPE_LABELS } from "../../../domain/review.js";
import { describeDeadlineByDaysLeft } from "../../../domain/spans.js";
import { MODALITY_LABELS, SUPPORT_ACTION_TYPE_LABELS } from "../../../domain/support.js";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { CycleNotes } from "../../ui/CycleNotes";
import { formatDateTime, formatLocalDate, formatNumber } from "../../ui/format";
import { nearDeadlines } from "../municipality/work";
import { STATE_TONES, stateLabel } from "../tools/labels";
import { formatPercent } from "./format";
import { useMunicipalDashboard } from "./municipal-query";
import { PercentBar } from "./PercentBar";
import "./dashboard.css";
import { Detail } from "../../ui/Detail";
import { QueryPending } from "../../ui/QueryResults";

/**
 * A municipality's dashboard, for staff and for the municipality's own people: its index and
 * dimensions against the regional median, every deadline (past and upcoming, overdue marked), the
 * observations it has to address and the support actions it is invited to.
 */
export function MunicipalDashboard({
  cvegeo,
  refetchOnMount = true,
}: {
  cvegeo: string;
  /** False where another part of the page has just read the same dashboard. */
  refetchOnMount?: boolean;
}) {
  const dashboard = useMunicipalDashboard(cvegeo, { refetchOnMount });
  if (!dashboard.isSuccess) {
    return <QueryPending query={dashboard} loadingLabel="Cargando el avance…" />;
  }
  const data = dashboard.data;
  if (!data.participating) {
    return (
      <p className="note">
        {data.municipality.name} no tiene convenio registrado: aún no hay avance que mostrar.
      </p>
    );
  }
  return (
    <div className="stack stack--large dashboard-page">
      <div className="two-columns">
        <section className="card stack" aria-labelledby="indice-titulo">
          <h3 id="indice-titulo">Índice de implementación</h3>
          <p className="kpi__value">{formatPercent(data.index)}</p>
          <dl className="meta-list meta-list--wide">
            <Detail term="Mediana regional">{formatPercent(data.regionalMedianIndex)}</Detail>
            <Detail term="Lugar">
              {data.rank} de {formatNumber(data.participants)} municipios con convenio
            </Detail>
            <Detail term="Entregas a tiempo">
              {data.onTime.due === 0
                ? "Aún no vence ninguna entrega"
                : `${formatPercent(data.onTime.rate)} (${formatNumber(data.onTime.onTime)} de ${formatNumber(data.onTime.due)})`}
            </Detail>
            <Detail term="Cifras al">{formatLocalDate(data.asOf)}</Detail>
          </dl>
        </section>
        <section className="card stack" aria-labelledby="dimensiones-municipio-titulo">
          <h3 id="dimensiones-municipio-titulo">Dimensiones frente a la mediana regional</h3>
          <ul className="score-compare">
            {data.dimensions.map((dimension) => (
              <li key={dimension.code} className="score-compare__row">
                <span>{dimension.name}</span>
                <PercentBar value={dimension.score} reference={dimension.regionalMedian} />
                <span className="score-compare__figures">
                  <strong>{formatPercent(dimension.score)}</strong>{" "}
                  <span className="muted small">
                    · mediana {formatPercent(dimension.regionalMedian)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
          <p className="muted small">La marca vertical de cada barra es la mediana regional.</p>
        </section>
      </div>

      <section className="card stack" aria-labelledby="plazos-titulo">
        <h3 id="plazos-titulo">Plazos</h3>
        <DeadlineTimeline items={data.deadlines} today={data.asOf} />
      </section>

      <YearlyCycles tools={data.tools} />

      <div className="two-columns">
        <section className="card stack" aria-labelledby="observaciones-abiertas-titulo">
          <h3 id="observaciones-abiertas-titulo">Observaciones abiertas</h3>
          {data.openObservations.length === 0 ? (
            <p className="muted">No hay herramientas devueltas con observaciones.</p>
          ) : (
            <ul className="observation-list">
              {data.openObservations.map((observation) => (
                <li key={observation.id} className="observation-list__item">
                  <p>
                    <Link to={`/herramientas/${observation.instanceId}`}>
                      {observation.tool}
                      {observation.part ? ` ${observation.part})` : ""} ·{" "}
                      {observation.partName
                        ? `${observation.toolName}: ${observation.partName}`
                        : observation.toolName}
                    </Link>
                  </p>
                  <p>
                    <strong>{OBSERVATION_TYPE_LABELS[observation.type]}:</strong> {observation.text}
                  </p>
                  <p className="small muted">
                    Devuelta el {formatDateTime(observation.returnedAt)} ·{" "}
                    {observation.answered ? (
                      <Badge tone="info">Respondida</Badge>
                    ) : (
                      <Badge tone="warning">Sin respuesta</Badge>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card stack" aria-labelledby="acompanamiento-titulo">
          <h3 id="acompanamiento-titulo">Próximas acciones de acompañamiento</h3>
          {data.supportActions.length === 0 ? (
            <p className="muted">No hay acciones programadas a las que esté invitado.</p>
          ) : (
            <ul className="action-list">
              {data.supportActions.map((action) => (
                <li key={action.id} className="action-list__item">
                  <p>
                    <Link to={`/acompanamiento/acciones/${action.id}`}>{action.title}</Link>
                  </p>
                  <p className="small">
                    {SUPPORT_ACTION_TYPE_LABELS[action.type]} · {MODALITY_LABELS[action.modality]} ·{" "}
                    {formatDateTime(action.startsAt)} ({action.durationMinutes} min)
                    {action.place ? ` · ${action.place}` : ""}
                  </p>
                  {action.tools.length > 0 ? (
                    <p className="small muted">Herramientas: {action.tools.join(", ")}</p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

function deadlineNote(item: DeadlineItem): string {
  if (item.state === "validated") {
    return "Validada";
  }
  return describeDeadlineByDaysLeft(item.deadline, item.daysLeft);
}

/**
 * Every deadline in date order, with a "hoy" mark between the past and the upcoming ones.
 * Memoised, like each row: a refetch that brings the same deadlines (the query keeps their
 * identity) redraws none of the ~40 rows, and «Ver todos» draws only the rows it adds.
 */
const DeadlineTimeline = memo(function DeadlineTimeline({
  items: every,
  today,
}: {
  items: readonly DeadlineItem[];
  today: string;
}) {
  const [all, setAll] = useState(false);
  const listId = useId();
  if (every.length === 0) {
    return <p className="muted">Ninguna herramienta tiene plazo definido.</p>;
  }
  const near = nearDeadlines(every);
  const items = all ? every : near.shown;
  const firstUpcoming = items.findIndex((item) => item.deadline >= today);
  const overdue = every.filter((item) => item.overdue).length;
  return (
    <>
      <p className="small">
        {overdue === 0
          ? "Ninguna entrega vencida."
          : `${formatNumber(overdue)} ${overdue === 1 ? "entrega vencida" : "entregas vencidas"} (en rojo).`}
      </p>
      {near.hidden > 0 ? (
        <p className="small muted">
          {all
            ? `Todos los plazos (${formatNumber(every.length)}).`
            : "Los vencidos más recientes y los próximos; los validados y los demás, en «Ver todos»."}
        </p>
      ) : null}
      <ol className="deadline-list" id={listId}>
        {items.map((item, position) => (
          <Fragment key={item.instanceId}>
            {position === firstUpcoming ? (
              <li className="deadline-list__today" aria-label={`Hoy, ${formatLocalDate(today)}`}>
                Hoy · {formatLocalDate(today)}
              </li>
            ) : null}
            <DeadlineRow item={item} />
          </Fragment>
        ))}
        {firstUpcoming === -1 ? (
          <li className="deadline-list__today">Hoy · {formatLocalDate(today)}</li>
        ) : null}
      </ol>
      {near.hidden > 0 ? (
        <p>
          <Button
            size="small"
            aria-expanded={all}
            aria-controls={listId}
            onClick={() => setAll(!all)}
          >
            {all ? "Ver solo los próximos" : `Ver todos (${formatNumber(every.length)})`}
          </Button>
        </p>
      ) : null}
    </>
  );
});

const DeadlineRow = memo(function DeadlineRow({ item }: { item: DeadlineItem }) {
  return (
    <li
      className={[
        "deadline-list__item",
        item.overdue ? "deadline-list__item--overdue" : "",
        item.state === "validated" ? "deadline-list__item--done" : "",
      ]
        .filter(Boolean)
        .join(" ")}
    >
      <span className="deadline-list__date">{formatLocalDate(item.deadline)}</span>
      <span>
        <Link to={`/herramientas/${item.instanceId}`}>
          {item.tool}
          {item.part ? ` ${item.part})` : ""} ·{" "}
          {item.partName ? `${item.toolName}: ${item.partName}` : item.toolName}
          {item.cycle > 1 ? ` (ciclo ${item.cycle})` : ""}
        </Link>{" "}
        <Badge tone={item.overdue ? "danger" : STATE_TONES[item.state]}>
          {stateLabel(item.state)}
        </Badge>{" "}
        <span className={item.overdue ? "small deadline-list__late" : "small muted"}>
          {item.overdue ? <strong>{deadlineNote(item)}</strong> : deadlineNote(item)}
        </span>
      </span>
    </li>
  );
});

/**
 * The yearly tools with more than one cycle opened: which cycle counts, the cycles missed (still
 * owed, shown in red) and the one under way. Hidden while no yearly tool has a second cycle.
 */
function YearlyCycles({ tools }: { tools: MunicipalDashboardData["tools"] }) {
  const yearly = tools.filter((tool) => cycleNotes(tool).length > 0);
  if (yearly.length === 0) {
    return null;
  }
  return (
    <section className="card stack" aria-labelledby="ciclos-anuales-titulo">
      <h3 id="ciclos-anuales-titulo">Ciclos anuales</h3>
      <p className="small muted">
        Cuenta el último ciclo vencido o validado; un ciclo en curso no baja el índice. Un ciclo
        vencido sigue pendiente hasta que se valide.
      </p>
      <ul className="yearly-cycles">
        {yearly.map((tool) => (
          <li key={tool.code} data-tool={tool.code}>
            <strong>
              {tool.code} · {tool.name}
            </strong>{" "}
            <span className="small">
              Cuenta el ciclo {tool.cycle}:{" "}
              <Badge tone={STATE_TONES[tool.state]}>{stateLabel(tool.state)}</Badge>
            </span>
            <CycleNotes status={tool} />
          </li>
        ))}
      </ul>
    </section>
  );
}
