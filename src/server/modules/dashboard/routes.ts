import {
  MunicipalDashboard,
  RegionalDashboard,
  RegionalRanking,
} from "../../../contracts/dashboard.js";
import { CvegeoParams } from "../../../contracts/municipalities.js";
import type { z } from "../../../contracts/zod.js";
import { canReadRegional } from "../../../domain/policy.js";
import type { Database } from "../../db/client.js";
import { routesOf } from "../../lib/operations.js";
import { type PreparedJson, sendPreparedJson } from "../../lib/prepared-json.js";
import { type Ready, replyWhenReady } from "../../lib/ready.js";
import { assertCanSeeMunicipality } from "../../lib/scope.js";
import type { App } from "../../types.js";
import { municipalDashboardJson, regionalDashboard, regionalRanking } from "./service.js";

export async function dashboardRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["tableros"]);
  const { db, now } = app.deps;

  // The regional reads: for whoever reads the region, built once per change of the data.
  const regionalRead = (
    url: string,
    summary: string,
    description: string,
    response: z.ZodType,
    read: (db: Database, now: Date) => Ready<PreparedJson>,
  ) =>
    route.get(
      url,
      summary,
      { description, response: { 200: response } },
      (request, reply) =>
        replyWhenReady(read(db, now()), (body) => sendPreparedJson(request, reply, body)),
      canReadRegional,
    );

  regionalRead(
    "/api/dashboard/regional",
    "Tablero regional: índice, dimensiones, herramientas, cohortes, mapa y tendencia",
    "Calculado una vez por cada cambio en los datos y servido tal cual (gzip si el cliente lo acepta; ETag para 304).",
    RegionalDashboard,
    regionalDashboard,
  );
  regionalRead(
    "/api/dashboard/regional/ranking",
    "Clasificación regional: la fila de cada municipio con convenio, para el mapa y la tabla",
    "Calculada una vez por cada cambio en los datos y servida tal cual (gzip si el cliente lo acepta; ETag para 304).",
    RegionalRanking,
    regionalRanking,
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
    (request, reply) => {
      assertCanSeeMunicipality(request.auth, request.params.cvegeo, "El municipio");
      return replyWhenReady(municipalDashboardJson(db, request.params.cvegeo, now()), (body) =>
        sendPreparedJson(request, reply, body),
      );
    },
  );
}
