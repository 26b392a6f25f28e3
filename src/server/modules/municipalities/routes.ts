import {
  CvegeoParams,
  Municipality,
  MunicipalityQuery,
} from "../../../contracts/municipalities.js";
import { z } from "../../../contracts/zod.js";
import type { App } from "../../types.js";
import { getMunicipality, listMunicipalities } from "./queries.js";

const tags = ["municipios"];

export async function municipalityRoutes(app: App): Promise<void> {
  const { db } = app.deps;

  app.get(
    "/api/municipalities",
    {
      schema: {
        tags,
        summary: "Municipios del catálogo INEGI (público)",
        querystring: MunicipalityQuery,
        response: { 200: z.array(Municipality) },
      },
    },
    async (request) => listMunicipalities(db, request.query.q),
  );

  app.get(
    "/api/municipalities/:cvegeo",
    {
      schema: {
        tags,
        summary: "Un municipio",
        params: CvegeoParams,
        response: { 200: Municipality },
      },
    },
    async (request) => getMunicipality(db, request.params.cvegeo),
  );
}
