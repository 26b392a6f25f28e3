import { labelledCodes } from "./codes.js";

/** Who a user is in MRTM. Staff belong to the institution; municipal users to one municipality. */
export const [ROLES, ROLE_LABELS] = labelledCodes({
  admin: "Administrador",
  reviewer: "Revisor",
  liaison: "Enlace municipal",
  collaborator: "Colaborador municipal",
});
export type Role = (typeof ROLES)[number];

/** The institution's staff: they review, plan support and administer; they belong to no municipality. */
export const STAFF_ROLES = ["admin", "reviewer"] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A municipality's people: its liaison and the collaborators who prepare drafts. */
export const MUNICIPAL_ROLES = ["liaison", "collaborator"] as const satisfies readonly Role[];
export type MunicipalRole = (typeof MUNICIPAL_ROLES)[number];

/** Liaisons and collaborators belong to exactly one municipality; staff to none. */
export function isMunicipalRole(role: Role): role is MunicipalRole {
  return (MUNICIPAL_ROLES as readonly Role[]).includes(role);
}

export function isStaffRole(role: Role): role is StaffRole {
  return (STAFF_ROLES as readonly Role[]).includes(role);
}

/** Checks that a role and a municipality fit together; returns a Spanish message or null. */
export function roleMunicipalityProblem(role: Role, municipality: string | null): string | null {
  if (isMunicipalRole(role) && municipality === null) {
    return "Un enlace o colaborador debe pertenecer a un municipio.";
  }
  if (!isMunicipalRole(role) && municipality !== null) {
    return "El personal del órgano garante no pertenece a un municipio.";
  }
  return null;
}
