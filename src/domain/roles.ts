/** Who a user is in MRTM. Staff belong to the institution; municipal users to one municipality. */
export const ROLES = ["admin", "reviewer", "liaison", "collaborator"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrador",
  reviewer: "Revisor",
  liaison: "Enlace municipal",
  collaborator: "Colaborador municipal",
};

/** Liaisons and collaborators belong to exactly one municipality; staff to none. */
export function isMunicipalRole(role: Role): boolean {
  return role === "liaison" || role === "collaborator";
}

export function isStaffRole(role: Role): boolean {
  return !isMunicipalRole(role);
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
