import { Link } from "react-router";
import type { DeadlineItem, OpenObservation } from "../../../contracts/dashboard.js";
import { OPEN_COMMITMENTS_SHOWN as SHOWN } from "../../../contracts/page-reads.js";
import { describeDeadlineByDaysLeft } from "../../../domain/spans.js";
import { Badge } from "../../ui/Badge";
import { formatLocalDate, formatNumber } from "../../ui/format";
import { useMunicipalDashboard } from "../dashboard/municipal-query";
import { useCommitments } from "../support/queries";
import { toolTitle } from "../tools/labels";
import { openCommitments } from "./first-reads";
import { nearDeadlines } from "./work";

function itemLabel(item: Pick<DeadlineItem, "tool" | "part" | "toolName" | "partName">): string {
  return `${item.tool}${item.part ? ` ${item.part})` : ""} · ${toolTitle({ ...item })}`;
}

/**
 * «Qué hacer ahora», at the top of a municipality's page: the next deadlines (the overdue ones
 * first), the observations still to answer and the open commitments, a few of each with a link,
 * so the week's work is on the first screen. Reads the same dashboard query as the page below.
 */
export function WorkSummary({ cvegeo }: { cvegeo: string }) {
  // The route's loader asked for both as the page opened: mounting is no reason to ask again.
  const dashboard = useMunicipalDashboard(cvegeo, { refetchOnMount: false });
  const commitments = useCommitments(openCommitments(cvegeo), { refetchOnMount: false });
  const data = dashboard.data;
  if (!data?.participating) {
    return null;
  }
  const open = data.deadlines.filter((item) => item.state !== "validated");
  const overdue = open.filter((item) => item.overdue);
  const next = nearDeadlines(data.deadlines, { overdue: SHOWN, upcoming: SHOWN }).shown.filter(
    (item) => item.state !== "validated",
  );
  const deadlines = [
    ...next.filter((i) => i.overdue).reverse(),
    ...next.filter((i) => !i.overdue),
  ].slice(0, SHOWN);
  const unanswered = data.openObservations.filter((observation) => !observation.answered);
  const byTool = new Map<string, OpenObservation[]>();
  for (const observation of unanswered) {
    byTool.set(observation.instanceId, [
      ...(byTool.get(observation.instanceId) ?? []),
      observation,
    ]);
  }
  const commitmentList = commitments.data;

  return (
    <section
      className="card work-summary"
      aria-labelledby="que-hacer-titulo"
      data-testid="work-summary"
    >
      <h2 id="que-hacer-titulo">Qué hacer ahora</h2>
      <div className="work-summary__grid">
        <section aria-labelledby="que-hacer-plazos">
          <h3 id="que-hacer-plazos">
            Plazos{" "}
            {overdue.length > 0 ? (
              <Badge tone="danger">{`${formatNumber(overdue.length)} ${overdue.length === 1 ? "vencido" : "vencidos"}`}</Badge>
            ) : null}
          </h3>
          {deadlines.length === 0 ? (
            <p className="muted small">No hay entregas pendientes con plazo.</p>
          ) : (
            <ul className="work-summary__list">
              {deadlines.map((item) => (
                <li key={item.instanceId}>
                  <Link to={`/herramientas/${item.instanceId}`}>{itemLabel(item)}</Link>
                  <span className={item.overdue ? "small work-summary__late" : "small muted"}>
                    {formatLocalDate(item.deadline)} ·{" "}
                    {describeDeadlineByDaysLeft(item.deadline, item.daysLeft)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p className="small">
            <a href="#plazos-titulo">Ver los plazos</a>
          </p>
        </section>
        <section aria-labelledby="que-hacer-observaciones">
          <h3 id="que-hacer-observaciones">Observaciones por responder</h3>
          {byTool.size === 0 ? (
            <p className="muted small">Ninguna: no hay herramientas devueltas sin responder.</p>
          ) : (
            <ul className="work-summary__list">
              {[...byTool.values()].slice(0, SHOWN).map((list) => {
                const first = list[0] as OpenObservation;
                return (
                  <li key={first.instanceId}>
                    <Link to={`/herramientas/${first.instanceId}`}>{itemLabel(first)}</Link>
                    <span className="small muted">
                      {list.length === 1
                        ? "1 observación"
                        : `${formatNumber(list.length)} observaciones`}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
          {byTool.size > SHOWN ? (
            <p className="small">
              <a href="#observaciones-abiertas-titulo">
                {`Ver las ${formatNumber(byTool.size)} herramientas con observaciones`}
              </a>
            </p>
          ) : null}
        </section>
        <section aria-labelledby="que-hacer-acuerdos">
          <h3 id="que-hacer-acuerdos">Acuerdos por cumplir</h3>
          {!commitmentList ? (
            <p className="muted small">
              {commitments.isError ? "No se pudieron cargar." : "Cargando…"}
            </p>
          ) : commitmentList.items.length === 0 ? (
            <p className="muted small">No hay acuerdos abiertos.</p>
          ) : (
            <ul className="work-summary__list">
              {commitmentList.items.map((commitment) => (
                <li key={commitment.id}>
                  <Link to={`/acompanamiento/acciones/${commitment.action.id}`}>
                    {commitment.description}
                  </Link>
                  <span className={commitment.overdue ? "small work-summary__late" : "small muted"}>
                    {commitment.overdue ? "Vencido el " : "Vence el "}
                    {formatLocalDate(commitment.dueOn)} · {commitment.owner.name}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {commitmentList && commitmentList.total > 0 ? (
            <p className="small">
              <Link to="/acompanamiento/acuerdos">
                {`Ver los acuerdos (${formatNumber(commitmentList.total)})`}
              </Link>
            </p>
          ) : null}
        </section>
      </div>
    </section>
  );
}
