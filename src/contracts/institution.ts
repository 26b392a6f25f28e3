import { component } from "./common.js";
import { z } from "./zod.js";

export const Institution = component("Institution", {
  name: z.string(),
  shortName: z.string(),
  unitName: z.string(),
  stateName: z.string(),
  hasLogo: z.boolean(),
  logoUrl: z.string().nullable(),
  updatedAt: z.string(),
});
export type Institution = z.infer<typeof Institution>;

export const UpdateInstitutionRequest = z.object({
  name: z.string().trim().min(1).max(300),
  shortName: z.string().trim().min(1).max(40),
  unitName: z.string().trim().min(1).max(300),
  stateName: z.string().trim().min(1).max(100),
});
export type UpdateInstitutionRequest = z.infer<typeof UpdateInstitutionRequest>;

export const LOGO_MAX_BYTES = 512 * 1024;
