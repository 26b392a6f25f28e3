import {
  CvegeoParams,
  Municipality,
  MunicipalityQuery,
} from "../../../contracts/municipalities.js";
import { z } from "../../../contracts/zod.js";
import { routesOf } from "../../lib/operations.js";
import type { App } from "../../types.js";
import { getMunicipality, listMunicipalities } from "./queries.js";

export async function municipalityRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["municipios"]);
  const { db } = app.deps;

  route.get(
    "/api/municipalities",
    "Municipios del catálogo INEGI (público)",
    { querystring: MunicipalityQuery, response: { 200: z.array(Municipality) } },
    async (request) => listMunicipalities(db, request.query.q),
  );

  route.get(
    "/api/municipalities/:cvegeo",
    "Un municipio",
    { params: CvegeoParams, response: { 200: Municipality } },
    async (request) => getMunicipality(db, request.params.cvegeo),
  );
}
