import { Link } from "react-router";
import type { Commitment } from "../../../contracts/support.js";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { formatDate, formatLocalDate } from "../../ui/format";
import { Table } from "../../ui/Table";
import { COMMITMENT_STATUS_LABELS, COMMITMENT_TONES } from "./labels";

/**
 * Commitments with their owner, due date and follow-up; overdue ones are marked (row and badge).
 * `canFollow` says which rows get the follow-up button for the signed-in person.
 */
export function CommitmentsTable({
  commitments,
  caption,
  showAction = true,
  canFollow,
  onFollow,
}: {
  commitments: Commitment[];
  caption: string;
  showAction?: boolean;
  canFollow: (commitment: Commitment) => boolean;
  onFollow: (commitment: Commitment) => void;
}) {
  const anyFollow = commitments.some(canFollow);
  return (
    <Table
      caption={caption}
      className="table--stack commitments-table"
      columns={[
        "Acuerdo",
        "Responsable",
        "Fecha compromiso",
        "Estado",
        anyFollow ? { label: "Seguimiento", hidden: true } : null,
      ]}
    >
      {commitments.map((commitment) => (
        <tr
          key={commitment.id}
          data-commitment={commitment.id}
          className={commitment.overdue ? "is-overdue" : undefined}
        >
          <th scope="row" data-label="Acuerdo">
            {commitment.description}
            {showAction ? (
              <span className="cell-subtitle">
                <Link to={`/acompanamiento/acciones/${commitment.action.id}`}>
                  {commitment.action.title}
                </Link>
                {commitment.action.heldOn ? ` · ${formatLocalDate(commitment.action.heldOn)}` : ""}
              </span>
            ) : null}
          </th>
          <td data-label="Responsable">
            {commitment.owner.name || "—"}
            {commitment.municipality && commitment.owner.name !== commitment.municipality.name ? (
              <span className="cell-subtitle">{commitment.municipality.name}</span>
            ) : null}
          </td>
          <td data-label="Fecha compromiso" className="nowrap">
            {formatLocalDate(commitment.dueOn)}
            {commitment.overdue ? (
              <span className="cell-subtitle">
                <Badge tone="danger">Vencido</Badge>
              </span>
            ) : null}
          </td>
          <td data-label="Estado">
            <Badge tone={COMMITMENT_TONES[commitment.status]}>
              {COMMITMENT_STATUS_LABELS[commitment.status]}
            </Badge>
            {commitment.closingNote ? (
              <span className="cell-subtitle">
                {commitment.closingNote}
                {commitment.closedBy
                  ? ` (${commitment.closedBy}, ${formatDate(commitment.closedAt)})`
                  : ""}
              </span>
            ) : null}
          </td>
          {anyFollow ? (
            <td className="actions-cell">
              {canFollow(commitment) ? (
                <Button size="small" onClick={() => onFollow(commitment)}>
                  {commitment.status === "open" ? "Dar seguimiento" : "Reabrir"}
                  <span className="visually-hidden">: {commitment.description}</span>
                </Button>
              ) : null}
            </td>
          ) : null}
        </tr>
      ))}
    </Table>
  );
}
