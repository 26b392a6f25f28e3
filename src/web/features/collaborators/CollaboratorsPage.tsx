import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import type { User, UserWithPassword } from "../../../contracts/users.js";
import { canManageCollaborators } from "../../../domain/policy.js";
import { ROLE_LABELS } from "../../../domain/roles.js";
import { api } from "../../api/client";
import { FormError } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { SubmitRow } from "../../ui/FormActions";
import { formatDateTime } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { QueryResults } from "../../ui/QueryResults";
import { TableHead } from "../../ui/TableHead";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { useCurrentUser } from "../auth/session";
import { NameEmailFields } from "../users/AccountFields";
import { Created } from "../users/CreateUserDialog";

const FIELDS = ["name", "email"] as const;

/**
 * A municipality's accounts: its liaison and collaborators. The designated liaison invites
 * collaborators (each gets a welcome e-mail to create a password) and deactivates them.
 */
export function CollaboratorsPage() {
  const { cvegeo = "" } = useParams();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const key = ["municipality-accounts", cvegeo];
  const accounts = useQuery({ queryKey: key, queryFn: () => api.collaborators.accounts(cvegeo) });
  const manages = user ? canManageCollaborators(user, cvegeo) : false;
  const [invited, setInvited] = useState<UserWithPassword | null>(null);
  const toggle = useMutation({
    mutationFn: (account: User) => api.collaborators.setActive(cvegeo, account.id, !account.active),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });

  return (
    <>
      <PageHeader
        title="Colaboradores del municipio"
        description="Las cuentas del municipio: su enlace y sus colaboradores. El enlace designado invita y desactiva a los colaboradores."
      />
      <div className="stack stack--large">
        {manages ? (
          invited ? (
            <section className="card" aria-label="Invitación enviada">
              <Created result={invited} onDone={() => setInvited(null)} />
            </section>
          ) : (
            <InviteForm
              cvegeo={cvegeo}
              onInvited={(result) => {
                setInvited(result);
                void queryClient.invalidateQueries({ queryKey: key });
              }}
            />
          )
        ) : null}
        <QueryResults query={accounts} loadingLabel="Cargando las cuentas…">
          {(list) => (
            <table className="table">
              <caption className="visually-hidden">Cuentas del municipio</caption>
              <TableHead
                columns={[
                  "Nombre",
                  "Correo electrónico",
                  "Rol",
                  "Estado",
                  "Último acceso",
                  ...(manages ? ["Acciones"] : []),
                ]}
              />
              <tbody>
                {list.map((account) => (
                  <tr key={account.id} data-account-email={account.email}>
                    <td>{account.name}</td>
                    <td>{account.email}</td>
                    <td>{ROLE_LABELS[account.role]}</td>
                    <td>
                      {account.active ? (
                        account.mustChangePassword ? (
                          <Badge tone="warning">Sin contraseña propia aún</Badge>
                        ) : (
                          <Badge tone="success">Activa</Badge>
                        )
                      ) : (
                        <Badge tone="neutral">Desactivada</Badge>
                      )}
                    </td>
                    <td>{account.lastLoginAt ? formatDateTime(account.lastLoginAt) : "Nunca"}</td>
                    {manages ? (
                      <td>
                        {account.role === "collaborator" ? (
                          <Button
                            variant="secondary"
                            size="small"
                            busy={toggle.isPending && toggle.variables?.id === account.id}
                            onClick={() => toggle.mutate(account)}
                          >
                            {account.active
                              ? `Desactivar a ${account.name}`
                              : `Reactivar a ${account.name}`}
                          </Button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryResults>
        <FormError error={toggle.error} fields={[]} />
      </div>
    </>
  );
}

function InviteForm({
  cvegeo,
  onInvited,
}: {
  cvegeo: string;
  onInvited: (result: UserWithPassword) => void;
}) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const invite = useMutation({
    mutationFn: () => api.collaborators.invite(cvegeo, { name: name.trim(), email: email.trim() }),
    onSuccess: (result) => {
      setName("");
      setEmail("");
      onInvited(result);
    },
  });
  const { check, fieldError } = useFieldProblems(FIELDS, invite.error, { name, email });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const valid = check({
      name: name.trim() ? undefined : "Escriba el nombre.",
      email: email.trim() ? undefined : "Escriba el correo electrónico.",
    });
    if (valid) {
      invite.mutate();
    }
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label="Invitar a un colaborador">
      <h2>Invitar a un colaborador</h2>
      <p className="small">
        Recibirá un correo con un enlace para crear su contraseña. Podrá preparar evidencias y
        responder observaciones; enviar a revisión sigue siendo del enlace.
      </p>
      <FormError error={invite.error} fields={FIELDS} />
      <div className="form-grid">
        <NameEmailFields
          values={{ name, email }}
          onChange={(changes) => {
            if (changes.name !== undefined) {
              setName(changes.name);
            }
            if (changes.email !== undefined) {
              setEmail(changes.email);
            }
          }}
          fieldError={fieldError}
        />
      </div>
      <SubmitRow busy={invite.isPending} busyLabel="Enviando…">
        Enviar invitación
      </SubmitRow>
    </form>
  );
}
