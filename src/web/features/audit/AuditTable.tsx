import { Fragment, useState } from "react";
import type { AuditEvent } from "../../../contracts/audit.js";
import { auditActionLabel, auditEntityLabel } from "../../../domain/audit-events.js";
import { formatDateTime } from "../../ui/format";
import { Table } from "../../ui/Table";
import { useMunicipalities } from "../municipalities/queries";
import { ChangeView } from "./ChangeView";

const COLUMNS = 6;

export function AuditTable({ events }: { events: AuditEvent[] }) {
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const municipalities = useMunicipalities().data;
  const municipalityName = (cvegeo: string) =>
    municipalities?.find((m) => m.cvegeo === cvegeo)?.name ?? cvegeo;

  function toggle(id: number) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) {
        next.delete(id);
      } else {
        next.add(id);
      }
      return next;
    });
  }

  if (events.length === 0) {
    return <p className="empty">Ningún evento coincide con los filtros.</p>;
  }
  return (
    <Table
      caption="Eventos de la bitácora"
      className="table--stack audit-table"
      columns={["Fecha y hora", "Acción", "Quién", "Registro", "Municipio", "Cambios"]}
    >
      {events.map((event) => {
        const hasChanges = event.before !== null || event.after !== null;
        const open = expanded.has(event.id);
        const detailId = `evento-${event.id}`;
        return (
          <Fragment key={event.id}>
            <tr data-action={event.action}>
              <td data-label="Fecha y hora" className="nowrap">
                {formatDateTime(event.occurredAt)}
              </td>
              <th scope="row" data-label="Acción">
                <span className="cell-title">{auditActionLabel(event.action)}</span>
              </th>
              <td data-label="Quién">
                <span className="break">{event.actor.label}</span>
                {event.ip ? <span className="cell-subtitle">IP {event.ip}</span> : null}
              </td>
              <td data-label="Registro">
                {auditEntityLabel(event.entityType)}
                {event.entityId ? (
                  <span className="cell-subtitle mono break">{event.entityId}</span>
                ) : null}
              </td>
              <td data-label="Municipio">
                {event.municipality ? (
                  <>
                    {municipalityName(event.municipality)}
                    <span className="cell-subtitle mono">{event.municipality}</span>
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td data-label="Cambios" className="nowrap">
                {hasChanges ? (
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    aria-expanded={open}
                    aria-controls={detailId}
                    onClick={() => toggle(event.id)}
                  >
                    {open ? "Ocultar" : "Ver cambios"}
                  </button>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
            {hasChanges ? (
              <tr id={detailId} hidden={!open} className="detail-row">
                <td colSpan={COLUMNS}>
                  {open ? (
                    <ChangeView
                      entityType={event.entityType}
                      before={event.before}
                      after={event.after}
                      municipalityName={municipalityName}
                    />
                  ) : null}
                </td>
              </tr>
            ) : null}
          </Fragment>
        );
      })}
    </Table>
  );
}
