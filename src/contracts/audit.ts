import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from "../domain/audit-events.js";
import { component, PageQuery, paged } from "./common.js";
import { z } from "./zod.js";

export const AuditEvent = component("AuditEvent", {
  id: z.number().int(),
  occurredAt: z.string(),
  actor: z.object({ id: z.uuid().nullable(), label: z.string() }),
  // Stored rows are read back as strings: an event imported from another installation may
  // carry a key this catalogue does not know, and the log still lists it.
  action: z
    .string()
    .describe(
      "Clave estable del evento, p. ej. user.created; las conocidas están en AuditQuery.action.",
    ),
  entityType: z.string(),
  entityId: z.string().nullable(),
  municipality: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditList = paged(AuditEvent);
export type AuditList = z.infer<typeof AuditList>;

export const AuditQuery = PageQuery.extend({
  action: z.enum(AUDIT_ACTIONS).optional().describe("Solo los eventos de esta acción."),
  entityType: z
    .enum(AUDIT_ENTITY_TYPES)
    .optional()
    .describe("Solo los eventos sobre este tipo de registro."),
  actor: z.uuid().optional(),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe(
      "Busca en la acción (su clave o su nombre en español), el identificador y quien actuó.",
    ),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
