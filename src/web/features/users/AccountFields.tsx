import { isMunicipalRole, ROLE_LABELS, ROLES, type Role } from "../../../domain/roles.js";
import { labelledOptions, SelectField } from "../../ui/SelectField";
import { TextField } from "../../ui/TextField";
import { type FieldGroupProps, fieldBinder } from "../../ui/useFormValues";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";

/** What an account's form edits. */
export interface AccountValues {
  name: string;
  email: string;
  role: Role;
  municipality: string | null;
}

/** Full name and e-mail of a new account. */
export function NameEmailFields(group: FieldGroupProps<Pick<AccountValues, "name" | "email">>) {
  const bind = fieldBinder(group);
  return (
    <>
      <TextField label="Nombre completo" required autoComplete="off" {...bind("name")} />
      <TextField
        label="Correo electrónico"
        required
        type="email"
        autoComplete="off"
        {...bind("email")}
      />
    </>
  );
}

/** The role of an account and, for municipal roles, its municipality. */
export function RoleMunicipalityFields({
  values,
  onChange,
  fieldError,
}: FieldGroupProps<Pick<AccountValues, "role" | "municipality">>) {
  const bind = fieldBinder({ values, onChange, fieldError });
  return (
    <>
      <SelectField
        label="Rol"
        required
        error={fieldError("role")}
        value={values.role}
        onChange={(role) => onChange({ role: role as Role })}
        options={labelledOptions(ROLES, ROLE_LABELS)}
      />
      {isMunicipalRole(values.role) ? (
        <MunicipalityPicker required {...bind("municipality")} />
      ) : null}
    </>
  );
}
