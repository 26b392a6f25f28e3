import { component } from "./common.js";
import { LocalDate } from "./participation.js";
import { z } from "./zod.js";

export const RecordAdministrationRequest = z.object({
  startsOn: LocalDate.describe("Inicio del periodo constitucional, p. ej. 2025-01-01."),
  endsOn: LocalDate.describe("Fin del periodo constitucional, p. ej. 2027-12-31."),
  headName: z.string().trim().min(1).max(200).describe("Presidenta o presidente municipal."),
});
export type RecordAdministrationRequest = z.infer<typeof RecordAdministrationRequest>;

export const Administration = component("Administration", {
  id: z.uuid(),
  startsOn: LocalDate,
  endsOn: LocalDate,
  headName: z.string(),
  current: z.boolean().describe("En funciones hoy."),
  createdBy: z.string().nullable().describe("Nombre de quien la registró."),
  createdAt: z.string(),
});
export type Administration = z.infer<typeof Administration>;
