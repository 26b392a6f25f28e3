import {
  MunicipalDashboard,
  RegionalDashboard,
  RegionalRanking,
} from "../../../contracts/dashboard.js";
import { CvegeoParams } from "../../../contracts/municipalities.js";
import { canReadRegional } from "../../../domain/policy.js";
import { routesOf } from "../../lib/operations.js";
import { sendPreparedJson } from "../../lib/prepared-json.js";
import { assertCanSeeMunicipality } from "../../lib/scope.js";
import type { App } from "../../types.js";
import { municipalDashboardJson, regionalDashboard, regionalRanking } from "./service.js";

export async function dashboardRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["tableros"]);
  const { db, now } = app.deps;

  route.get(
    "/api/dashboard/regional",
    "Tablero regional: índice, dimensiones, herramientas, cohortes, mapa y tendencia",
    {
      description:
        "Calculado una vez por cada cambio en los datos y servido tal cual (gzip si el cliente lo acepta; ETag para 304).",
      response: { 200: RegionalDashboard },
    },
    async (request, reply) => sendPreparedJson(request, reply, await regionalDashboard(db, now())),
    canReadRegional,
  );

  route.get(
    "/api/dashboard/regional/ranking",
    "Clasificación regional: la fila de cada municipio con convenio, para el mapa y la tabla",
    {
      description:
        "Calculada una vez por cada cambio en los datos y servida tal cual (gzip si el cliente lo acepta; ETag para 304).",
      response: { 200: RegionalRanking },
    },
    async (request, reply) => sendPreparedJson(request, reply, await regionalRanking(db, now())),
    canReadRegional,
  );

  route.get(
    "/api/municipalities/:cvegeo/dashboard",
    "Tablero de un municipio frente a la mediana regional",
    {
      description:
        "Las filas del municipio se leen una vez por cada cambio en ese municipio; la respuesta se sirve tal cual (gzip si el cliente lo acepta; ETag para 304).",
      params: CvegeoParams,
      response: { 200: MunicipalDashboard },
    },
    async (request, reply) => {
      assertCanSeeMunicipality(request.auth, request.params.cvegeo, "El municipio");
      return sendPreparedJson(
        request,
        reply,
        await municipalDashboardJson(db, request.params.cvegeo, now()),
      );
    },
  );
}
