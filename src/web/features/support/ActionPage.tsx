import { useState } from "react";
import { Link, useParams } from "react-router";
import type { SupportActionDetail } from "../../../contracts/support.js";
import { actingRole } from "../../../domain/policy.js";
import { isMunicipalRole, isStaffRole } from "../../../domain/roles.js";
import { isUpcoming } from "../../../domain/support-actions.js";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { formatDateTime, formatLocalDate } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { useCurrentUser } from "../auth/session";
import { AddToCalendarLink } from "../calendar/AddToCalendarLink";
import { StateBadge } from "../tools/StateBadge";
import { AttendanceSection } from "./AttendanceSection";
import { CommitmentsSection } from "./CommitmentsSection";
import {
  formatDuration,
  formatLocalDateTime,
  MODALITY_LABELS,
  STATUS_TONES,
  SUPPORT_ACTION_STATUS_LABELS,
  SUPPORT_ACTION_TYPE_LABELS,
} from "./labels";
import { MinutesSection } from "./MinutesSection";
import { useSupportAction } from "./queries";
import { type StatusDialog, StatusDialogs } from "./StatusDialogs";
import "./support.css";
import { Detail } from "../../ui/Detail";
import { QueryPending } from "../../ui/QueryResults";

/** One support action: its details and, once held, attendance, minutes and commitments. */
export function ActionPage() {
  const { id = "" } = useParams();
  const action = useSupportAction(id);
  const user = useCurrentUser();
  const [dialog, setDialog] = useState<StatusDialog>(null);

  if (!action.isSuccess) {
    return <QueryPending query={action} loadingLabel="Cargando la acción…" />;
  }
  const detail = action.data;
  const staff = user ? isStaffRole(user.role) : false;
  const own = user && isMunicipalRole(user.role) ? (user.municipality?.cvegeo ?? null) : null;
  const held = detail.status === "held";
  return (
    <div className="stack stack--large">
      <PageHeader
        title={detail.title}
        description={
          <p className="badge-row">
            <Badge tone="info">{SUPPORT_ACTION_TYPE_LABELS[detail.type]}</Badge>
            <Badge tone={STATUS_TONES[detail.status]}>
              {SUPPORT_ACTION_STATUS_LABELS[detail.status]}
              {detail.heldOn ? ` el ${formatLocalDate(detail.heldOn)}` : ""}
            </Badge>
            <Link to="/acompanamiento">Volver a acompañamiento</Link>
          </p>
        }
        actions={
          staff ? (
            <StaffActions action={detail} onOpen={setDialog} />
          ) : (
            <AddToCalendarLink actionId={detail.id} />
          )
        }
      />
      {staff &&
      detail.status === "planned" &&
      !isUpcoming({ status: detail.status, startsAt: new Date(detail.startsAt) }, new Date()) ? (
        <p className="note note--warning" data-testid="past-planned">
          <strong>Su fecha ya pasó y sigue programada.</strong> Márquela como realizada para
          registrar la asistencia y la línea base, o cancélela.
        </p>
      ) : null}
      {detail.status === "cancelled" ? (
        <p className="note note--warning">
          <strong>Cancelada.</strong> {detail.cancelReason}
        </p>
      ) : null}
      <ActionDetails action={detail} />
      {held && staff ? <BaselineSection action={detail} /> : null}
      {held ? (
        <>
          <AttendanceSection action={detail} staff={staff} ownMunicipality={own} />
          <MinutesSection action={detail} staff={staff} />
          <CommitmentsSection
            action={detail}
            staff={staff}
            liaisonOf={user && actingRole(user) === "liaison" ? own : null}
          />
        </>
      ) : detail.status === "planned" ? (
        <p className="note">
          La asistencia, el acta y los acuerdos se registran cuando la acción se realice.
        </p>
      ) : null}
      {staff ? (
        <StatusDialogs action={detail} open={dialog} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}

function StaffActions({
  action,
  onOpen,
}: {
  action: SupportActionDetail;
  onOpen: (dialog: StatusDialog) => void;
}) {
  return (
    <div className="button-row">
      <AddToCalendarLink actionId={action.id} />
      {action.status !== "cancelled" ? (
        <Link
          to={`/acompanamiento/acciones/${action.id}/editar`}
          className="button button--secondary"
        >
          Editar
        </Link>
      ) : null}
      {action.status === "planned" ? (
        <>
          <Button variant="primary" onClick={() => onOpen("held")}>
            Registrar como realizada
          </Button>
          <Button variant="danger" onClick={() => onOpen("cancel")}>
            Cancelar acción
          </Button>
        </>
      ) : null}
      {action.status === "cancelled" ? (
        <Button variant="primary" onClick={() => onOpen("reschedule")}>
          Reprogramar
        </Button>
      ) : null}
      {action.status === "held" ? (
        <Link to="/acompanamiento/efectividad" className="button button--secondary">
          ¿Funcionó?
        </Link>
      ) : null}
    </div>
  );
}

function ActionDetails({ action }: { action: SupportActionDetail }) {
  return (
    <section className="stack" aria-labelledby="detalles-titulo">
      <h2 id="detalles-titulo" className="visually-hidden">
        Detalles
      </h2>
      <div className="panel support-details">
        <dl className="meta-list support-facts">
          <Detail term="Fecha y hora">
            {formatLocalDateTime(action.date, action.time)}{" "}
            <span className="muted">(Ciudad de México)</span>
          </Detail>
          <Detail term="Duración">{formatDuration(action.durationMinutes)}</Detail>
          <Detail term="Modalidad">{MODALITY_LABELS[action.modality]}</Detail>
          {action.place ? <Detail term="Lugar">{action.place}</Detail> : null}
          {action.link ? (
            <Detail term="Enlace" className="break">
              <a href={action.link} target="_blank" rel="noopener noreferrer">
                {action.link}
              </a>
            </Detail>
          ) : null}
          <Detail term="Facilitan">{action.facilitators.map((f) => f.name).join(", ")}</Detail>
          {action.createdBy ? (
            <Detail term="Programó">
              {action.createdBy}{" "}
              <span className="muted">el {formatDateTime(action.createdAt)}</span>
            </Detail>
          ) : null}
        </dl>
        {action.description ? (
          <div className="support-description">{action.description}</div>
        ) : null}
      </div>
      <div className="two-columns">
        <div className="stack">
          <h3>Herramientas que se atienden</h3>
          <ul className="support-list">
            {action.tools.map((code) => (
              <li key={code}>
                <span className="mono">{code}</span> {action.toolNames[code]}
              </li>
            ))}
          </ul>
        </div>
        <div className="stack">
          <h3>Municipios invitados ({action.invited.length})</h3>
          <ul className="support-list">
            {action.invited.map((m) => (
              <li key={m.cvegeo}>
                {m.name}
                {m.cohort ? <span className="muted small"> · {m.cohort}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

/** For staff: each invited municipality's state of each tool when the action was held. */
function BaselineSection({ action }: { action: SupportActionDetail }) {
  if (action.baseline.length === 0) {
    return null;
  }
  const state = (cvegeo: string, tool: string) =>
    action.baseline.find((b) => b.municipality === cvegeo && b.tool === tool)?.state;
  return (
    <section className="stack" aria-labelledby="linea-base-titulo">
      <h2 id="linea-base-titulo">Línea base</h2>
      <p className="muted">
        El estado de cada herramienta atendida cuando la acción se registró como realizada.
      </p>
      <div className="table-wrap">
        <table className="table table--stack">
          <caption className="visually-hidden">Línea base por municipio y herramienta</caption>
          <thead>
            <tr>
              <th scope="col">Municipio</th>
              {action.tools.map((tool) => (
                <th scope="col" key={tool} className="mono">
                  {tool}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {action.invited.map((m) => (
              <tr key={m.cvegeo}>
                <th scope="row" data-label="Municipio">
                  {m.name}
                </th>
                {action.tools.map((tool) => {
                  const value = state(m.cvegeo, tool);
                  return (
                    <td key={tool} data-label={tool}>
                      {value ? (
                        <StateBadge state={value} />
                      ) : (
                        <span className="muted">No aplica</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
