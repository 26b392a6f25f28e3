import { component } from "./common.js";
import { z } from "./zod.js";

const Reason = z.string().trim().min(1).max(2000);

export const ExemptToolRequest = z.object({
  tool: z.string().trim().min(1).max(20).describe("Clave de la herramienta, p. ej. R3."),
  reason: Reason.describe("Por qué la herramienta no aplica al municipio."),
});
export type ExemptToolRequest = z.infer<typeof ExemptToolRequest>;

export const LiftExemptionRequest = z.object({
  reason: Reason.describe("Por qué vuelve a aplicar."),
});
export type LiftExemptionRequest = z.infer<typeof LiftExemptionRequest>;

export const Exemption = component("Exemption", {
  id: z.uuid(),
  tool: z.string(),
  reason: z.string(),
  exemptedBy: z.string().nullable(),
  exemptedAt: z.string(),
  active: z.boolean().describe("Vigente: la herramienta no cuenta en el índice del municipio."),
  liftedAt: z.string().nullable(),
  liftedBy: z.string().nullable(),
  liftReason: z.string().nullable(),
});
export type Exemption = z.infer<typeof Exemption>;
