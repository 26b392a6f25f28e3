import { describe, expect, it } from "vitest";
import {
  isMunicipalRole,
  isStaffRole,
  MUNICIPAL_ROLES,
  ROLES,
  roleMunicipalityProblem,
  STAFF_ROLES,
} from "./roles.js";

describe("roles", () => {
  it("ties liaisons and collaborators to a municipality and staff to none", () => {
    expect(isMunicipalRole("liaison")).toBe(true);
    expect(isMunicipalRole("collaborator")).toBe(true);
    expect(isStaffRole("admin")).toBe(true);
    expect(isStaffRole("reviewer")).toBe(true);
    expect(roleMunicipalityProblem("liaison", "15106")).toBeNull();
    expect(roleMunicipalityProblem("reviewer", null)).toBeNull();
    expect(roleMunicipalityProblem("collaborator", null)).toMatch(/debe pertenecer a un municipio/);
    expect(roleMunicipalityProblem("admin", "15106")).toMatch(/no pertenece a un municipio/);
  });

  it("splits every role into staff or municipal, never both", () => {
    expect([...STAFF_ROLES, ...MUNICIPAL_ROLES].sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      expect(isStaffRole(role)).toBe(!isMunicipalRole(role));
    }
  });
});
