import { MAIL_STATUSES, NOTIFICATION_KINDS } from "../domain/notifications.js";
import { component, IsoDateTime, PageQuery, paged, QueryFlag, Uuid } from "./common.js";
import { z } from "./zod.js";

export const NotificationKind = z.enum(NOTIFICATION_KINDS);

/** One block of a notice's body, read from its text (src/domain/notice-content.ts). */
export const NoticeBlock = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("list"), items: z.array(z.string()) }),
  z.object({
    type: z.literal("facts"),
    facts: z.array(z.object({ label: z.string(), value: z.string() })),
  }),
]);

export const Notification = component("Notification", {
  id: Uuid,
  kind: NotificationKind,
  title: z.string(),
  body: z.string().describe("Texto plano; puede tener varias líneas."),
  link: z.string().describe("Ruta de la aplicación web a la que lleva, p. ej. /herramientas/…"),
  content: z
    .object({
      blocks: z
        .array(NoticeBlock)
        .describe("El texto en párrafos, listas y pares etiqueta: valor."),
      action: z.string().describe("El nombre del enlace: «Ver la herramienta»."),
    })
    .describe("El aviso como contenido estructurado, para mostrarlo en la aplicación."),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = PageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** Only the unread ones. */
  unread: QueryFlag.optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationList = paged(Notification).extend({
  unread: z.number().int().describe("Cuántas sin leer tiene la persona en total."),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const MarkAllReadResult = z.object({ updated: z.number().int() });
export type MarkAllReadResult = z.infer<typeof MarkAllReadResult>;

export const NotificationPreference = z.object({
  kind: NotificationKind,
  label: z.string(),
  description: z.string(),
  email: z.boolean().describe("Si la recibe también por correo (en la aplicación, siempre)."),
});
export type NotificationPreference = z.infer<typeof NotificationPreference>;

export const NotificationPreferences = component("NotificationPreferences", {
  email: z.string().describe("El correo al que se envían."),
  items: z.array(NotificationPreference),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const UpdatePreferencesRequest = z.object({
  preferences: z
    .array(z.object({ kind: NotificationKind, email: z.boolean() }))
    .min(1)
    .max(NOTIFICATION_KINDS.length),
});
export type UpdatePreferencesRequest = z.infer<typeof UpdatePreferencesRequest>;

export const MailStatus = z.enum(MAIL_STATUSES);

export const OutboxMessage = z.object({
  id: Uuid,
  to: z.string(),
  subject: z.string(),
  status: MailStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
  nextAttemptAt: IsoDateTime.nullable().describe("Próximo intento, para los que están por enviar."),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxMessageDetail = OutboxMessage.extend({
  text: z.string().describe("La parte de texto plano del correo."),
}).meta({ id: "OutboxMessageDetail" });
export type OutboxMessageDetail = z.infer<typeof OutboxMessageDetail>;

export const OutboxQuery = PageQuery.extend({
  status: MailStatus.optional(),
  q: z.string().trim().max(200).optional().describe("Busca en el destinatario y el asunto."),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const OutboxList = paged(OutboxMessage).extend({
  smtpConfigured: z.boolean().describe("Si hay un servidor SMTP configurado."),
  counts: z.record(MailStatus, z.number().int()),
});
export type OutboxList = z.infer<typeof OutboxList>;
