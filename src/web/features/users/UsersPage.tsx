import { useState } from "react";
import type { User } from "../../../contracts/users.js";
import { ROLE_LABELS, ROLES, type Role } from "../../../domain/roles.js";
import type { UserFilters } from "../../api/client";
import { ErrorAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { Field } from "../../ui/Field";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { SearchField } from "../../ui/SearchField";
import { readPage, useUrlFilters } from "../../ui/useUrlFilters";
import { useCurrentUser } from "../auth/session";
import { CreateUserDialog } from "./CreateUserDialog";
import { EditUserDialog } from "./EditUserDialog";
import { useUsers } from "./queries";
import { ResetPasswordDialog, ToggleActiveDialog } from "./UserActions";
import { UserTable } from "./UserTable";

const PAGE_SIZE = 25;

function readFilters(search: URLSearchParams): UserFilters {
  const role = search.get("rol");
  const active = search.get("activa");
  return {
    q: search.get("q") ?? undefined,
    role: ROLES.includes(role as Role) ? (role as Role) : undefined,
    active: active === "true" || active === "false" ? active : undefined,
    page: readPage(search),
    pageSize: PAGE_SIZE,
  };
}

/** Account administration: search, filter, create, edit, deactivate, reset passwords. */
export function UsersPage() {
  const { filters, text, setText, update } = useUrlFilters(readFilters);
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
        <Field label="Rol">
          {(control) => (
            <select
              {...control}
              className="input"
              value={filters.role ?? ""}
              onChange={(event) => update({ rol: event.target.value || undefined })}
            >
              <option value="">Todos</option>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Estado">
          {(control) => (
            <select
              {...control}
              className="input"
              value={filters.active ?? ""}
              onChange={(event) => update({ activa: event.target.value || undefined })}
            >
              <option value="">Todas</option>
              <option value="true">Activas</option>
              <option value="false">Desactivadas</option>
            </select>
          )}
        </Field>
      </search>

      {users.isPending ? <Loading label="Cargando cuentas…" /> : null}
      <ErrorAlert error={users.error} />
      {users.data ? (
        <div className={users.isPlaceholderData ? "is-refreshing" : undefined}>
          <UserTable
            users={users.data.items}
            currentUserId={me?.id ?? null}
            onEdit={setEditing}
            onToggleActive={setToggling}
            onResetPassword={setResetting}
          />
          <Pagination
            page={users.data.page}
            pageSize={users.data.pageSize}
            total={users.data.total}
            noun="cuentas"
            onPage={(page) => update({ pagina: String(page) })}
          />
        </div>
      ) : null}

      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
      <EditUserDialog user={editing} onClose={() => setEditing(null)} />
      <ToggleActiveDialog user={toggling} onClose={() => setToggling(null)} />
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
