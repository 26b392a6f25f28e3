import type { FastifyReply, FastifyRequest } from "fastify";
import { IdParams, PageQuery } from "../../../contracts/common.js";
import { CvegeoParams } from "../../../contracts/municipalities.js";
import {
  OpenDataCatalog,
  OpenDataRows,
  PublicMap,
  PublicMethodology,
  PublicMunicipality,
  PublicRankingPage,
  PublicSearchQuery,
  PublicSearchResult,
  PublicSummary,
} from "../../../contracts/public.js";
import { z } from "../../../contracts/zod.js";
import { replyWhenReady } from "../../lib/ready.js";
import type { App } from "../../types.js";
import { attachmentHeader, downloadFileName } from "../evidence/file-name.js";
import { matchesEtag, PUBLIC_MAX_AGE, prepareBody, sendPrepared } from "./http-cache.js";
import { loadPublicMap } from "./map.js";
import { getPublicMethodology } from "./methodology.js";
import {
  type DatasetFormat,
  type DatasetId,
  getDataset,
  getOpenDataCatalog,
  getPublicMunicipality,
  getPublicRanking,
  getPublicSummary,
  openPublishedDocument,
  searchPublicMunicipalities,
} from "./service.js";

const PUBLIC = ["Público"];
const CSV_NAMES: Record<DatasetId, string> = {
  municipalities: "municipios",
  tools: "herramientas",
  documents: "documentos",
  surveys: "encuestas",
  "survey-questions": "encuestas-preguntas",
  indicators: "indicadores",
};
const OPEN_DATA = ["Datos abiertos"];
const CACHING =
  "Sin sesión. Respuesta cacheable (Cache-Control: public, max-age=60) con ETag: If-None-Match responde 304 si no cambió.";

/** The public portal's read API: no session, nothing private, cacheable. */
export async function publicRoutes(app: App): Promise<void> {
  const { db, blobs, now } = app.deps;
  const map = loadPublicMap;
  let preparedMap: ReturnType<typeof prepareBody> | null = null;

  app.get(
    "/api/public/summary",
    {
      schema: {
        tags: PUBLIC,
        summary: "Avance de todos los municipios: índice, lugar y convenio (portada pública)",
        description: CACHING,
        response: { 200: PublicSummary },
      },
    },
    (request, reply) =>
      replyWhenReady(getPublicSummary(db, now()), (body) => sendPrepared(request, reply, body)),
  );

  app.get(
    "/api/public/ranking",
    {
      schema: {
        tags: PUBLIC,
        summary: "Clasificación completa de los municipios con convenio por índice, por páginas",
        description: CACHING,
        querystring: PageQuery,
        response: { 200: PublicRankingPage },
      },
    },
    (request, reply) =>
      replyWhenReady(
        getPublicRanking(db, request.query.page, request.query.pageSize, now()),
        (body) => sendPrepared(request, reply, body),
      ),
  );

  app.get(
    "/api/public/municipalities",
    {
      schema: {
        tags: PUBLIC,
        summary: "Buscar un municipio por nombre o clave INEGI (con o sin convenio)",
        description: `${CACHING} Devuelve hasta 20 coincidencias.`,
        querystring: PublicSearchQuery,
        response: { 200: PublicSearchResult },
      },
    },
    async (request, reply) =>
      sendPrepared(request, reply, await searchPublicMunicipalities(db, request.query.q, now())),
  );

  app.get(
    "/api/public/municipalities/:cvegeo",
    {
      schema: {
        tags: PUBLIC,
        summary: "Ficha pública de un municipio: índice, dimensiones, herramientas y documentos",
        description: `${CACHING} Un municipio sin convenio responde 200 con participating: false; una clave fuera del catálogo, 404.`,
        params: CvegeoParams,
        response: { 200: PublicMunicipality },
      },
    },
    (request, reply) =>
      replyWhenReady(getPublicMunicipality(db, request.params.cvegeo, now()), (body) =>
        sendPrepared(request, reply, body),
      ),
  );

  app.get(
    "/api/public/map",
    {
      schema: {
        tags: PUBLIC,
        summary: "Contornos de los municipios del Estado de México, proyectados para SVG",
        description: "Fuente: INEGI, Marco Geoestadístico. Cacheable un día.",
        response: { 200: PublicMap },
      },
    },
    async (request, reply) => {
      preparedMap ??= prepareBody(JSON.stringify(map()), "application/json; charset=utf-8");
      return sendPrepared(request, reply, preparedMap, { maxAge: 86_400 });
    },
  );

  app.get(
    "/api/public/methodology",
    {
      schema: {
        tags: PUBLIC,
        summary:
          "Metodología del índice (ficha técnica): modelo vigente, pesos, reglas de cálculo y ejemplos",
        description: `${CACHING} Se genera con la versión del modelo vigente (la última publicada); los ejemplos se calculan con las mismas funciones que los puntajes publicados.`,
        response: { 200: PublicMethodology },
      },
    },
    async (request, reply) => sendPrepared(request, reply, await getPublicMethodology(db, now())),
  );

  app.get(
    "/api/public/documents/:id",
    {
      schema: {
        tags: PUBLIC,
        summary:
          "Descargar un documento publicado (solo documentos públicos de entregas validadas)",
        description:
          "Se entrega como adjunto con X-Content-Type-Options: nosniff. Cualquier otro documento responde 404.",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { file, stream } = await openPublishedDocument(db, blobs, request.params.id);
      return sendPublicFile(request, reply, file, stream);
    },
  );

  app.get(
    "/api/public/open-data",
    {
      schema: {
        tags: OPEN_DATA,
        summary:
          "Catálogo de datos abiertos: conjuntos, direcciones, diccionario de datos y licencia",
        response: { 200: OpenDataCatalog },
      },
    },
    (request, reply) =>
      replyWhenReady(getOpenDataCatalog(db, now()), (body) => sendPrepared(request, reply, body)),
  );

  const datasets: { id: DatasetId; title: string }[] = [
    { id: "municipalities", title: "Avance por municipio (una fila por municipio)" },
    {
      id: "tools",
      title: "Estado de las herramientas (municipio × herramienta × componente × ciclo)",
    },
    { id: "documents", title: "Documentos publicados (una fila por documento)" },
    {
      id: "surveys",
      title: "Encuestas de satisfacción M1 validadas (municipio × ciclo): índice e intervalo",
    },
    {
      id: "survey-questions",
      title: "Encuestas de satisfacción M1 validadas: conteo por pregunta y opción",
    },
    {
      id: "indicators",
      title: "Indicadores de desempeño M2 públicos (municipio × indicador × periodo enviado)",
    },
  ];
  for (const { id, title } of datasets) {
    for (const format of ["csv", "json"] as const satisfies DatasetFormat[]) {
      app.get(
        `/api/public/open-data/${id}.${format}`,
        {
          schema: {
            tags: OPEN_DATA,
            summary: `${title}, en ${format.toUpperCase()}`,
            description:
              format === "csv"
                ? `${CACHING} CSV en UTF-8 con BOM (para Excel), con encabezados y comillas según RFC 4180; campos descritos en GET /api/public/open-data.`
                : `${CACHING} Una lista de objetos con los mismos campos que el CSV.`,
            produces: [format === "csv" ? "text/csv" : "application/json"],
            response: { 200: format === "csv" ? z.string() : OpenDataRows },
          },
        },
        async (request, reply) =>
          sendPrepared(request, reply, await getDataset(db, id, format, now()), {
            disposition:
              format === "csv" ? attachmentHeader(`mrtm-${CSV_NAMES[id]}.csv`) : undefined,
          }),
      );
    }
  }
}

/**
 * A published document: an attachment (never rendered by the browser), with its real type and
 * that type's extension, nosniff, and public caching validated by the file's SHA-256 (a stored
 * file never changes).
 */
async function sendPublicFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: { fileName: string; mime: string; size: number; sha256: string },
  stream: () => Promise<NodeJS.ReadableStream>,
): Promise<FastifyReply> {
  const etag = `"${file.sha256}"`;
  reply
    .header("cache-control", `public, max-age=${PUBLIC_MAX_AGE}`)
    .header("etag", etag)
    .header("x-content-type-options", "nosniff")
    .header("content-disposition", attachmentHeader(downloadFileName(file.fileName, file.mime)));
  if (matchesEtag(request, etag)) {
    return reply.code(304).send();
  }
  return reply
    .type(file.mime)
    .header("content-length", String(file.size))
    .send(await stream());
}
