import { EXTENSION_STATUSES } from "../domain/extensions.js";
import { Cvegeo, component } from "./common.js";
import { LocalDate } from "./participation.js";
import { z } from "./zod.js";

const Reason = z.string().trim().max(2000);

export const RequestExtensionRequest = z.object({
  requestedOn: LocalDate.describe("La fecha que se pide como nuevo plazo: posterior al vigente."),
  reason: Reason.min(1).describe("Por qué el municipio necesita más tiempo."),
});
export type RequestExtensionRequest = z.infer<typeof RequestExtensionRequest>;

export const DecideExtensionRequest = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("approve"),
    grantedOn: LocalDate.describe("La fecha concedida: la solicitada u otra, posterior al plazo."),
    reason: Reason.default(""),
  }),
  z.object({
    decision: z.literal("refuse"),
    reason: Reason.min(1).describe("Por qué se rechaza: se le comunica al municipio."),
  }),
]);
export type DecideExtensionRequest = z.input<typeof DecideExtensionRequest>;

export const ExtensionQuery = z.object({
  status: z.enum(EXTENSION_STATUSES).optional().describe("Solo las de este estado."),
});

export const Extension = component("Extension", {
  id: z.uuid(),
  toolInstanceId: z.uuid(),
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  tool: z.string().describe("La herramienta como la nombran los avisos: «E2 · Política…»."),
  deadlineBefore: LocalDate.describe("El plazo vigente al pedirla."),
  requestedOn: LocalDate,
  reason: z.string(),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  status: z.enum(EXTENSION_STATUSES),
  grantedOn: LocalDate.nullable(),
  decisionReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type Extension = z.infer<typeof Extension>;
