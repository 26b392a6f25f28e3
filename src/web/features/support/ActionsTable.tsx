import { Link } from "react-router";
import type { SupportActionSummary } from "../../../contracts/support.js";
import { Badge } from "../../ui/Badge";
import { formatLocalDate } from "../../ui/format";
import { Table } from "../../ui/Table";
import {
  formatDuration,
  formatLocalDateTime,
  MODALITY_LABELS,
  STATUS_TONES,
  SUPPORT_ACTION_STATUS_LABELS,
  SUPPORT_ACTION_TYPE_LABELS,
} from "./labels";

/** Up to three names, then "y N más". */
function names(list: readonly string[]): string {
  if (list.length <= 3) {
    return list.join(", ");
  }
  return `${list.slice(0, 3).join(", ")} y ${list.length - 3} más`;
}

/** Support actions in a table that stacks into cards on small screens. */
export function ActionsTable({
  actions,
  caption,
}: {
  actions: SupportActionSummary[];
  caption: string;
}) {
  return (
    <Table
      caption={caption}
      className="table--stack actions-table"
      columns={["Fecha", "Acción", "Municipios invitados", "Herramientas", "Estado"]}
    >
      {actions.map((action) => (
        <tr key={action.id} data-action={action.id}>
          <td data-label="Fecha" className="nowrap">
            {formatLocalDateTime(action.date, action.time)}
            <span className="cell-subtitle">
              {formatDuration(action.durationMinutes)} · {MODALITY_LABELS[action.modality]}
            </span>
          </td>
          <th scope="row" data-label="Acción">
            <Link to={`/acompanamiento/acciones/${action.id}`}>{action.title}</Link>
            <span className="cell-subtitle">
              {SUPPORT_ACTION_TYPE_LABELS[action.type]}
              {action.facilitators.length > 0 ? ` · ${names(action.facilitators)}` : ""}
            </span>
          </th>
          <td data-label="Municipios invitados">{names(action.invited.map((m) => m.name))}</td>
          <td data-label="Herramientas">
            <span className="mono">{action.tools.join(", ")}</span>
          </td>
          <td data-label="Estado">
            <Badge tone={STATUS_TONES[action.status]}>
              {SUPPORT_ACTION_STATUS_LABELS[action.status]}
            </Badge>
            {action.heldOn ? (
              <span className="cell-subtitle">el {formatLocalDate(action.heldOn)}</span>
            ) : null}
            {action.openCommitments > 0 ? (
              <span className="cell-subtitle">
                {action.openCommitments === 1
                  ? "1 acuerdo abierto"
                  : `${action.openCommitments} acuerdos abiertos`}
              </span>
            ) : null}
          </td>
        </tr>
      ))}
    </Table>
  );
}
