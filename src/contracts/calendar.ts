import { component } from "./common.js";
import { z } from "./zod.js";

/** Whether the signed-in person has a private calendar feed (its address is never shown again). */
export const CalendarFeedStatus = component("CalendarFeedStatus", {
  active: z.boolean(),
  createdAt: z.string().nullable().describe("Cuándo se creó la dirección vigente."),
});
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatus>;

/** A new feed address: returned once, when created or replaced. */
export const CalendarFeedCreated = component("CalendarFeedCreated", {
  url: z.string().describe("Dirección https del calendario privado; quien la tenga puede leerlo."),
  webcalUrl: z.string().describe("La misma dirección con webcal://, para suscribirse con un clic."),
  createdAt: z.string(),
  replaced: z.boolean().describe("Si dejó sin efecto una dirección anterior."),
});
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreated>;

/** The token in a feed address (32 random bytes in base64url); an unknown one answers 404. */
export const CalendarFeedParams = z.object({ token: z.string().max(200) });
