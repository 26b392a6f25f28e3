import type { FormEvent } from "react";
import type { UpdateUserRequest, User } from "../../../contracts/users.js";
import { isMunicipalRole } from "../../../domain/roles.js";
import { FormError } from "../../ui/Alert";
import { Dialog } from "../../ui/Dialog";
import { FormActions } from "../../ui/FormActions";
import { TextField } from "../../ui/TextField";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { useFormValues } from "../../ui/useFormValues";
import { RoleMunicipalityFields } from "./AccountFields";
import { useUpdateUser } from "./queries";

const FIELDS = ["name", "role", "municipality"] as const;

/** Changes an account's name, role and municipality. */
export function EditUserDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  return (
    <Dialog open={user !== null} title="Editar cuenta" onClose={onClose} wide>
      {user ? <EditForm key={user.id} user={user} onDone={onClose} /> : null}
    </Dialog>
  );
}

function EditForm({ user, onDone }: { user: User; onDone: () => void }) {
  const update = useUpdateUser();
  const { values, change } = useFormValues({
    name: user.name,
    role: user.role,
    municipality: user.municipality?.cvegeo ?? null,
  });
  const { name, role, municipality } = values;
  const { check, fieldError } = useFieldProblems(FIELDS, update.error, values);
  const municipal = isMunicipalRole(role);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const valid = check({
      name: name.trim() ? undefined : "Escriba el nombre.",
      municipality: municipal && !municipality ? "Elija el municipio." : undefined,
    });
    if (!valid) {
      return;
    }
    const nextMunicipality = municipal ? municipality : null;
    const patch: UpdateUserRequest = {};
    if (name.trim() !== user.name) {
      patch.name = name.trim();
    }
    if (role !== user.role) {
      patch.role = role;
    }
    if (nextMunicipality !== (user.municipality?.cvegeo ?? null)) {
      patch.municipality = nextMunicipality;
    }
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate({ id: user.id, patch }, { onSuccess: onDone });
  }

  const accessChanges =
    role !== user.role || (municipal && municipality !== (user.municipality?.cvegeo ?? null));
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Editar cuenta">
      <p className="muted">{user.email}</p>
      <FormError error={update.error} fields={FIELDS} />
      <div className="form-grid">
        <TextField
          label="Nombre completo"
          required
          error={fieldError("name")}
          value={name}
          onChange={(next) => change({ name: next })}
        />
        <RoleMunicipalityFields values={values} onChange={change} fieldError={fieldError} />
      </div>
      {accessChanges ? (
        <p className="note">
          Al cambiar el rol o el municipio se cierran las sesiones abiertas de esta cuenta.
        </p>
      ) : null}
      <FormActions submitLabel="Guardar cambios" busy={update.isPending} onCancel={onDone} />
    </form>
  );
}
