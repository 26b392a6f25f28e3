import { isMunicipalRole, ROLE_LABELS, ROLES, type Role } from "../../../domain/roles.js";
import { labelledOptions, SelectField } from "../../ui/SelectField";
import { TextField } from "../../ui/TextField";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";

/** The message beside one of an account's fields, if any. */
type FieldError<F extends string> = (field: F) => string | undefined;

/** Full name and e-mail of a new account. */
export function NameEmailFields({
  name,
  onName,
  email,
  onEmail,
  fieldError,
}: {
  name: string;
  onName: (name: string) => void;
  email: string;
  onEmail: (email: string) => void;
  fieldError: FieldError<"name" | "email">;
}) {
  return (
    <>
      <TextField
        label="Nombre completo"
        required
        error={fieldError("name")}
        value={name}
        autoComplete="off"
        onChange={onName}
      />
      <TextField
        label="Correo electrónico"
        required
        error={fieldError("email")}
        type="email"
        value={email}
        autoComplete="off"
        onChange={onEmail}
      />
    </>
  );
}

/** The role of an account and, for municipal roles, its municipality. */
export function RoleMunicipalityFields({
  role,
  onRole,
  municipality,
  onMunicipality,
  fieldError,
}: {
  role: Role;
  onRole: (role: Role) => void;
  municipality: string | null;
  onMunicipality: (municipality: string | null) => void;
  fieldError: FieldError<"role" | "municipality">;
}) {
  return (
    <>
      <SelectField
        label="Rol"
        required
        error={fieldError("role")}
        value={role}
        onChange={(value) => onRole(value as Role)}
        options={labelledOptions(ROLES, ROLE_LABELS)}
      />
      {isMunicipalRole(role) ? (
        <MunicipalityPicker
          value={municipality}
          onChange={onMunicipality}
          required
          error={fieldError("municipality")}
        />
      ) : null}
    </>
  );
}
