import { CHAIN_BREAK_KINDS } from "../domain/audit-chain.js";
import { component } from "./common.js";
import { z } from "./zod.js";

/** Where the audit trail's hash chain is broken first (see src/domain/audit-chain.ts). */
export const AuditChainBreak = component("AuditChainBreak", {
  kind: z.enum(CHAIN_BREAK_KINDS),
  seq: z
    .number()
    .int()
    .nullable()
    .describe("Posición en la cadena del primer evento alterado (o la del ancla)."),
  id: z.number().int().nullable().describe("Id del evento en esa posición (o el siguiente)."),
  message: z.string(),
});
export type AuditChainBreak = z.infer<typeof AuditChainBreak>;

export const AuditChainState = component("AuditChainState", {
  ok: z.boolean(),
  /** Events checked: the whole chain when ok, those before the break otherwise. */
  checked: z.number().int(),
  lastSeq: z.number().int().nullable(),
  lastHash: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  unsealed: z.number().int(),
  verifiedAt: z.string(),
  problem: AuditChainBreak.nullable(),
  anchor: z
    .object({
      text: z
        .string()
        .describe("Ancla del día: fecha, número de eventos y último hash, en una línea."),
      signed: z.boolean().describe("Firmada con MRTM_AUDIT_ANCHOR_KEY."),
    })
    .nullable()
    .describe(
      "Para conservar fuera de la plataforma y comprobar con `mrtm audit verify --anchor`.",
    ),
});
export type AuditChainState = z.infer<typeof AuditChainState>;
