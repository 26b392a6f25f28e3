import { useState } from "react";
import type { User } from "../../../contracts/users.js";
import { ROLE_LABELS, ROLES } from "../../../domain/roles.js";
import type { UserFilters } from "../../api/client";
import { Button } from "../../ui/Button";
import { type FilterSelect, FilterSelects } from "../../ui/FilterSelects";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { QueryResults } from "../../ui/QueryResults";
import { SearchField } from "../../ui/SearchField";
import { labelledOptions } from "../../ui/SelectField";
import { useUrlFilters } from "../../ui/useUrlFilters";
import { useCurrentUser } from "../auth/session";
import { CreateUserDialog } from "./CreateUserDialog";
import { EditUserDialog } from "./EditUserDialog";
import { readUserFilters } from "./filters";
import { useUsers } from "./queries";
import { ResetPasswordDialog, ToggleActiveDialog } from "./UserActions";
import { UserTable } from "./UserTable";

const ACTIVE_OPTIONS = [
  { value: "true", label: "Activas" },
  { value: "false", label: "Desactivadas" },
];
const ROLE_OPTIONS = labelledOptions(ROLES, ROLE_LABELS);

const USER_SELECTS: FilterSelect<UserFilters>[] = [
  { label: "Rol", param: "rol", field: "role", blank: "Todos", options: ROLE_OPTIONS },
  { label: "Estado", param: "activa", field: "active", blank: "Todas", options: ACTIVE_OPTIONS },
];

/** Account administration: search, filter, create, edit, deactivate, reset passwords. */
export function UsersPage() {
  const { filters, text, setText, update, setPage } = useUrlFilters(readUserFilters);
  const users = useUsers(filters);
  const me = useCurrentUser();

  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  return (
    <>
      <PageHeader
        title="Usuarios"
        description={
          <p>
            Cuentas del personal del órgano garante y de los enlaces y colaboradores municipales.
          </p>
        }
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            Nueva cuenta
          </Button>
        }
      />
      <search className="toolbar filters" aria-label="Filtrar cuentas">
        <SearchField hint="Nombre o correo electrónico." value={text} onChange={setText} />
        <FilterSelects selects={USER_SELECTS} filters={filters} update={update} />
      </search>

      <QueryResults query={users} loadingLabel="Cargando cuentas…">
        {(data) => (
          <>
            <UserTable
              users={data.items}
              currentUserId={me?.id ?? null}
              onEdit={setEditing}
              onToggleActive={setToggling}
              onResetPassword={setResetting}
            />
            <Pagination results={data} noun="cuentas" onPage={setPage} />
          </>
        )}
      </QueryResults>

      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
      <EditUserDialog user={editing} onClose={() => setEditing(null)} />
      <ToggleActiveDialog user={toggling} onClose={() => setToggling(null)} />
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
