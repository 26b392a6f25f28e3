import { PORTFOLIO_MAX } from "../domain/portfolios.js";
import { Cvegeo, component } from "./common.js";
import { z } from "./zod.js";

export const ReviewerPortfolio = component("ReviewerPortfolio", {
  reviewer: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  municipalities: z.array(z.object({ cvegeo: Cvegeo, name: z.string() })),
  notifyUnassigned: z
    .boolean()
    .describe("Recibe avisos de envíos de municipios que no tiene asignados."),
});
export type ReviewerPortfolio = z.infer<typeof ReviewerPortfolio>;

/** An admin replaces a reviewer's portfolio with this list of municipalities. */
export const SetPortfolioRequest = z.object({
  municipalities: z
    .array(Cvegeo)
    .max(PORTFOLIO_MAX)
    .refine((list) => new Set(list).size === list.length, {
      message: "Un municipio aparece más de una vez.",
    }),
});
export type SetPortfolioRequest = z.infer<typeof SetPortfolioRequest>;

/** A reviewer's own choice: told of submissions outside the portfolio too, or not. */
export const PortfolioPreferenceRequest = z.object({ notifyUnassigned: z.boolean() });
export type PortfolioPreferenceRequest = z.infer<typeof PortfolioPreferenceRequest>;
