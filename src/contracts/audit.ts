import { PageQuery, paged } from "./common.js";
import { z } from "./zod.js";

export const AuditEvent = z
  .object({
    id: z.number().int(),
    occurredAt: z.string(),
    actor: z.object({ id: z.uuid().nullable(), label: z.string() }),
    action: z.string().describe("Clave estable del evento, p. ej. user.created."),
    entityType: z.string(),
    entityId: z.string().nullable(),
    municipality: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: "AuditEvent" });
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditList = paged(AuditEvent);
export type AuditList = z.infer<typeof AuditList>;

export const AuditQuery = PageQuery.extend({
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(100).optional(),
  actor: z.uuid().optional(),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe("Busca en la acción, la entidad y quien actuó."),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
