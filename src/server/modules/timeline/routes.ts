import { PageQuery, paged } from "../../../contracts/common.js";
import { CvegeoParams } from "../../../contracts/municipalities.js";
import { TimelineEvent } from "../../../contracts/participation.js";
import { assertCanSeeMunicipality } from "../../lib/scope.js";
import type { App } from "../../types.js";
import { timelinePage } from "./queries.js";

export async function timelineRoutes(app: App): Promise<void> {
  const { db } = app.deps;
  app.get(
    "/api/municipalities/:cvegeo/timeline",
    {
      schema: {
        tags: ["municipios"],
        summary: "Todo lo ocurrido en el municipio, lo más reciente primero",
        description:
          "Los eventos sobre una herramienta del municipio (ella misma, sus evidencias u observaciones) nombran la herramienta, su componente y su ciclo.",
        params: CvegeoParams,
        querystring: PageQuery,
        response: { 200: paged(TimelineEvent) },
      },
    },
    async (request) => {
      assertCanSeeMunicipality(request.auth, request.params.cvegeo, "El municipio");
      const { page, pageSize } = request.query;
      return timelinePage(db, request.params.cvegeo, page, pageSize);
    },
  );
}
