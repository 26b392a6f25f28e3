import { isMunicipalRole, ROLE_LABELS, ROLES, type Role } from "../../../domain/roles.js";
import { labelledOptions, SelectField } from "../../ui/SelectField";
import { TextField } from "../../ui/TextField";
import type { FieldGroupProps } from "../../ui/useFormValues";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";

/** What an account's form edits. */
export interface AccountValues {
  name: string;
  email: string;
  role: Role;
  municipality: string | null;
}

/** Full name and e-mail of a new account. */
export function NameEmailFields({
  values,
  onChange,
  fieldError,
}: FieldGroupProps<Pick<AccountValues, "name" | "email">>) {
  return (
    <>
      <TextField
        label="Nombre completo"
        required
        error={fieldError("name")}
        value={values.name}
        autoComplete="off"
        onChange={(name) => onChange({ name })}
      />
      <TextField
        label="Correo electrónico"
        required
        error={fieldError("email")}
        type="email"
        value={values.email}
        autoComplete="off"
        onChange={(email) => onChange({ email })}
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
        <MunicipalityPicker
          value={values.municipality}
          onChange={(municipality) => onChange({ municipality })}
          required
          error={fieldError("municipality")}
        />
      ) : null}
    </>
  );
}
