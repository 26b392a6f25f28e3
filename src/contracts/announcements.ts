import {
  ANNOUNCEMENT_AUDIENCES,
  ANNOUNCEMENT_BODY_MAX,
  ANNOUNCEMENT_MUNICIPALITIES_MAX,
  ANNOUNCEMENT_TITLE_MAX,
} from "../domain/announcements.js";
import { Cvegeo, component, IsoDateTime } from "./common.js";
import { z } from "./zod.js";

/** Staff write to liaisons: every participant's, one cohort's, or the chosen municipalities'. */
export const SendAnnouncementRequest = z.object({
  title: z.string().max(ANNOUNCEMENT_TITLE_MAX * 2),
  body: z.string().max(ANNOUNCEMENT_BODY_MAX * 2),
  audience: z.enum(ANNOUNCEMENT_AUDIENCES),
  cohort: z.string().max(200).nullable().default(null),
  municipalities: z.array(Cvegeo).max(ANNOUNCEMENT_MUNICIPALITIES_MAX).default([]),
});
export type SendAnnouncementRequest = z.input<typeof SendAnnouncementRequest>;

/** One announcement as staff see it: to whom, and how many have read it. */
export const Announcement = component("Announcement", {
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  audience: z.enum(ANNOUNCEMENT_AUDIENCES),
  cohort: z.string().nullable(),
  municipalities: z.array(z.object({ cvegeo: Cvegeo, name: z.string() })),
  sentAt: IsoDateTime,
  sentBy: z.string().nullable(),
  recipients: z.number().int().describe("Enlaces a los que se envió."),
  read: z.number().int().describe("Cuántos de ellos lo han leído."),
  readAt: IsoDateTime.nullable().describe(
    "Enlaces: cuándo lo leyó quien consulta (null: sin leer). Personal: siempre null.",
  ),
});
export type Announcement = z.infer<typeof Announcement>;

/** Staff: who an announcement reached and whether each has read it. */
export const AnnouncementReader = z.object({
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  name: z.string(),
  readAt: IsoDateTime.nullable(),
});
export type AnnouncementReader = z.infer<typeof AnnouncementReader>;

export const AnnouncementDetail = Announcement.extend({
  readers: z
    .array(AnnouncementReader)
    .describe("Personal: cada enlace con la fecha en que lo leyó. Enlaces: vacío."),
}).meta({ id: "AnnouncementDetail" });
export type AnnouncementDetail = z.infer<typeof AnnouncementDetail>;
