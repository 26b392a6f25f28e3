import { REVIEW_DELAY_DAYS, WORK_ITEM_KINDS, WORK_VIEWS } from "../domain/my-work.js";
import { QUEUE_SCOPES } from "../domain/portfolios.js";
import { component } from "./common.js";
import { LocalDate } from "./participation.js";
import { z } from "./zod.js";

export const WorkItem = component("WorkItem", {
  kind: z.enum(WORK_ITEM_KINDS),
  title: z.string(),
  detail: z.string(),
  date: LocalDate.nullable().describe("Plazo, fecha compromiso o día en que empezó la espera."),
  overdue: z.boolean(),
  link: z.string().describe("Dónde se hace el trabajo: una ruta de la aplicación."),
});
export type WorkItem = z.infer<typeof WorkItem>;

export const MyWork = component("MyWork", {
  view: z.enum(WORK_VIEWS),
  items: z.array(WorkItem),
  scope: z
    .enum(QUEUE_SCOPES)
    .nullable()
    .describe("Revisores: «mine» si la cola se limitó a sus municipios asignados."),
});
export type MyWork = z.infer<typeof MyWork>;

export const AdminWorkQuery = z.object({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(REVIEW_DELAY_DAYS)
    .describe("Días de espera a partir de los cuales una revisión se lista."),
});
