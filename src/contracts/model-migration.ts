/** Moving participants to another model version (issue 16, decision 0030). */
import { MIGRATION_PROBLEM_CODES } from "../domain/model-migration.js";
import { TOOL_STATES } from "../domain/tool-state.js";
import { Cvegeo, component } from "./common.js";
import { DeliverableFields, LocalDate } from "./participation.js";
import { z } from "./zod.js";

export const MIGRATION_MAX_MUNICIPALITIES = 125;

export const MigrationRequest = component("MigrationRequest", {
  municipalities: z
    .array(Cvegeo)
    .min(1, "Elija al menos un municipio.")
    .max(MIGRATION_MAX_MUNICIPALITIES)
    .refine((list) => new Set(list).size === list.length, {
      message: "Un municipio aparece más de una vez.",
    }),
});
export type MigrationRequest = z.infer<typeof MigrationRequest>;

const InstanceRef = z.object({ ...DeliverableFields, cycle: z.number().int() });

export const MunicipalityMigration = component("MunicipalityMigration", {
  cvegeo: Cvegeo,
  name: z.string(),
  fromVersion: z.number().int().describe("La versión que sigue hoy."),
  toVersion: z.number().int(),
  movedOn: LocalDate,
  kept: z.array(
    InstanceRef.extend({
      state: z.enum(TOOL_STATES),
      deadlineBefore: LocalDate.nullable(),
      deadline: LocalDate.nullable(),
      redated: z.boolean().describe("Plazo recalculado: cambió su periodo y sigue abierta."),
      restored: z.boolean().describe("Archivada por un cambio anterior; vuelve."),
    }),
  ),
  added: z.array(
    InstanceRef.extend({
      opensOn: LocalDate,
      deadline: LocalDate.nullable(),
      validatedOnSigning: z.boolean(),
    }),
  ),
  archived: z.array(InstanceRef.extend({ state: z.enum(TOOL_STATES) })),
  weightChanges: z.array(z.object({ tool: z.string(), from: z.number(), to: z.number() })),
  problems: z
    .array(z.object({ code: z.enum(MIGRATION_PROBLEM_CODES), message: z.string() }))
    .describe("Vacía: el cambio se puede aplicar. Si no, no se mueve nada."),
});
export type MunicipalityMigration = z.infer<typeof MunicipalityMigration>;

export const MigrationPreview = component("MigrationPreview", {
  version: z.object({ id: z.uuid(), version: z.number().int(), label: z.string() }),
  municipalities: z.array(MunicipalityMigration),
});
export type MigrationPreview = z.infer<typeof MigrationPreview>;
