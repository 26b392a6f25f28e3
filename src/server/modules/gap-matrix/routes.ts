import { GapMatrix, GapMatrixFilters, GapMatrixQuery } from "../../../contracts/gap-matrix.js";
import { canReadRegional } from "../../../domain/policy.js";
import { sendWorkbook } from "../../lib/http-files.js";
import { routesOf } from "../../lib/operations.js";
import { sendPreparedJson } from "../../lib/prepared-json.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { gapMatrixPage, toMatrixFilters } from "./queries.js";
import { openGapMatrixWorkbook } from "./service.js";
import { writeGapMatrixXlsx } from "./xlsx.js";

export async function gapMatrixRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["matriz de brechas"]);
  const { db, now } = app.deps;

  route.get(
    "/api/gap-matrix",
    "Municipios participantes × herramientas: estado, plazo y vencimiento (personal)",
    { querystring: GapMatrixQuery, response: { 200: GapMatrix } },
    async (request, reply) =>
      sendPreparedJson(request, reply, await gapMatrixPage(db, request.query, now())),
    canReadRegional,
  );

  route.get(
    "/api/gap-matrix.xlsx",
    "La matriz de brechas como hoja de cálculo, con los mismos filtros (personal)",
    { querystring: GapMatrixFilters },
    async (request, reply) => {
      const issuedAt = now();
      const filters = toMatrixFilters(request.query);
      const { computed, institution } = await openGapMatrixWorkbook(
        db,
        request.query,
        actorOf(request),
        issuedAt,
      );
      return sendWorkbook(
        request,
        reply,
        `matriz-de-brechas-${computed.today}.xlsx`,
        "the gap matrix workbook",
        (out) => writeGapMatrixXlsx(computed, { institution, issuedAt, filters }, out),
      );
    },
    canReadRegional,
  );
}
