import type { User } from "../../../contracts/users.js";
import { ROLE_LABELS } from "../../../domain/roles.js";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { formatDate } from "../../ui/format";
import { Table } from "../../ui/Table";
import { ACTIONS_COLUMN } from "../../ui/TableHead";

interface UserTableProps {
  users: User[];
  currentUserId: string | null;
  onEdit: (user: User) => void;
  onToggleActive: (user: User) => void;
  onResetPassword: (user: User) => void;
}

export function UserTable({
  users,
  currentUserId,
  onEdit,
  onToggleActive,
  onResetPassword,
}: UserTableProps) {
  if (users.length === 0) {
    return <p className="empty">Ninguna cuenta coincide con los filtros.</p>;
  }
  return (
    <Table
      caption="Cuentas"
      className="table--stack"
      columns={["Nombre", "Rol y municipio", "Estado y último acceso", ACTIONS_COLUMN]}
    >
      {users.map((user) => {
        const self = user.id === currentUserId;
        return (
          <tr key={user.id} data-user-email={user.email}>
            <th scope="row" data-label="Nombre">
              <span className="cell-title">{user.name}</span>
              {self ? <span className="muted small"> (usted)</span> : null}
              <span className="cell-subtitle">{user.email}</span>
            </th>
            <td data-label="Rol y municipio">
              {ROLE_LABELS[user.role]}
              {user.municipality ? (
                <span className="cell-subtitle">
                  {user.municipality.name} ({user.municipality.cvegeo})
                </span>
              ) : null}
            </td>
            <td data-label="Estado y último acceso">
              <span className="badge-row">
                {user.active ? (
                  <Badge tone="success">Activa</Badge>
                ) : (
                  <Badge tone="danger">Desactivada</Badge>
                )}
                {user.mustChangePassword ? <Badge tone="warning">Contraseña temporal</Badge> : null}
              </span>
              <span className="cell-subtitle">
                {user.lastLoginAt
                  ? `Último acceso: ${formatDate(user.lastLoginAt)}`
                  : "Sin accesos"}
              </span>
            </td>
            <td className="actions-cell">
              <div className="button-row button-row--tight">
                <Button
                  size="small"
                  onClick={() => onEdit(user)}
                  aria-label={`Editar ${user.name}`}
                >
                  Editar
                </Button>
                {/* One's own password is changed from the account menu, not reset here. */}
                {self ? null : (
                  <>
                    <Button
                      size="small"
                      onClick={() => onResetPassword(user)}
                      aria-label={`Restablecer la contraseña de ${user.name}`}
                    >
                      Restablecer contraseña
                    </Button>
                    <Button
                      size="small"
                      variant={user.active ? "danger" : "secondary"}
                      onClick={() => onToggleActive(user)}
                      aria-label={`${user.active ? "Desactivar" : "Reactivar"} a ${user.name}`}
                    >
                      {user.active ? "Desactivar" : "Reactivar"}
                    </Button>
                  </>
                )}
              </div>
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
