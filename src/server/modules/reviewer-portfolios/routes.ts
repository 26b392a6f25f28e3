import { IdParams } from "../../../contracts/common.js";
import {
  PortfolioPreferenceRequest,
  ReviewerPortfolio,
  SetPortfolioRequest,
} from "../../../contracts/portfolios.js";
import { z } from "../../../contracts/zod.js";
import { canAdminister, canKeepPortfolio } from "../../../domain/policy.js";
import { routesOf } from "../../lib/operations.js";
import { authorize } from "../../lib/scope.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getPortfolio, listPortfolios } from "./queries.js";
import { setPortfolio, setPortfolioPreference } from "./service.js";

export async function reviewerPortfolioRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["revisión"]);
  const { db } = app.deps;

  route.get(
    "/api/reviewer-portfolios",
    "Municipios asignados a cada revisor (administradores)",
    { response: { 200: z.array(ReviewerPortfolio) } },
    async () => listPortfolios(db),
    canAdminister,
  );

  route.put(
    "/api/reviewer-portfolios/:id",
    "Asignar municipios a un revisor (reemplaza su lista)",
    { params: IdParams, body: SetPortfolioRequest, response: { 200: ReviewerPortfolio } },
    async (request) => {
      await setPortfolio(db, request.params.id, request.body.municipalities, actorOf(request));
      return getPortfolio(db, request.params.id);
    },
    canAdminister,
  );

  route.get(
    "/api/reviewer-portfolios/me",
    "Mis municipios asignados (revisores)",
    { response: { 200: ReviewerPortfolio } },
    async (request) => {
      const { user } = authorize(request, canKeepPortfolio);
      return getPortfolio(db, user.id);
    },
  );

  route.put(
    "/api/reviewer-portfolios/me",
    "Recibir o no avisos de envíos de municipios no asignados (revisores)",
    { body: PortfolioPreferenceRequest, response: { 200: ReviewerPortfolio } },
    async (request) => {
      const { user } = authorize(request, canKeepPortfolio);
      await setPortfolioPreference(db, user.id, request.body.notifyUnassigned, actorOf(request));
      return getPortfolio(db, user.id);
    },
  );
}
