import { isMunicipalRole, type Role } from "../../../domain/roles.js";
import { Field } from "../../ui/Field";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";
import { RoleSelect } from "./RoleSelect";

/** Full name and e-mail of a new account. */
export function NameEmailFields({
  name,
  onName,
  email,
  onEmail,
  nameError,
  emailError,
}: {
  name: string;
  onName: (name: string) => void;
  email: string;
  onEmail: (email: string) => void;
  nameError?: string | undefined;
  emailError?: string | undefined;
}) {
  return (
    <>
      <Field label="Nombre completo" required error={nameError}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={name}
            autoComplete="off"
            onChange={(event) => onName(event.target.value)}
          />
        )}
      </Field>
      <Field label="Correo electrónico" required error={emailError}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="email"
            value={email}
            autoComplete="off"
            onChange={(event) => onEmail(event.target.value)}
          />
        )}
      </Field>
    </>
  );
}

/** The role of an account and, for municipal roles, its municipality. */
export function RoleMunicipalityFields({
  role,
  onRole,
  municipality,
  onMunicipality,
  roleError,
  municipalityError,
}: {
  role: Role;
  onRole: (role: Role) => void;
  municipality: string | null;
  onMunicipality: (municipality: string | null) => void;
  roleError?: string | undefined;
  municipalityError?: string | undefined;
}) {
  return (
    <>
      <RoleSelect value={role} onChange={onRole} error={roleError} />
      {isMunicipalRole(role) ? (
        <MunicipalityPicker
          value={municipality}
          onChange={onMunicipality}
          required
          error={municipalityError}
        />
      ) : null}
    </>
  );
}
