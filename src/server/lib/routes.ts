/**
 * The route shapes many modules declare alike, each in one place: a municipality's data read by
 * whoever may see the municipality, a municipality's PDF downloaded the same way, and what the
 * public forms (survey, consultation) read and send by their secret token.
 */
import type { Readable } from "node:stream";
import type { FastifyRequest } from "fastify";
import { CvegeoParams } from "../../contracts/municipalities.js";
// Types only: evaluating the surveys contracts here would register their schemas earlier and
// reorder the OpenAPI document's components.
import type { TokenParams } from "../../contracts/surveys.js";
import type { z } from "../../contracts/zod.js";
import type { App } from "../types.js";
import { AppError } from "./errors.js";
import { sendPdf } from "./http-files.js";
import { assertCanSeeMunicipality } from "./scope.js";

/** What a route's OpenAPI operation says besides its parameters. */
interface Description {
  tags: string[];
  summary: string;
  description?: string;
}

/**
 * GET `url` (with `:cvegeo`): 404 for whoever may not see the municipality (`subject` names what
 * was not found), else what `read` returns for it, as the 200 schema says.
 */
export function getOfMunicipality<T extends z.ZodType>(
  app: App,
  url: string,
  schema: Description & { response: { 200: T } },
  read: (cvegeo: string, request: FastifyRequest) => Promise<z.output<T>>,
  subject = "El municipio",
): void {
  // `read` is checked against the 200 schema where it is passed; here the schema is any zod type,
  // as the type provider cannot resolve a generic one's reply type.
  const response: { 200: z.ZodType } = schema.response;
  app.get(url, { schema: { ...schema, params: CvegeoParams, response } }, async (request) => {
    assertCanSeeMunicipality(request.auth, request.params.cvegeo, subject);
    return read(request.params.cvegeo, request);
  });
}

/**
 * GET `url` (with `:cvegeo`): a PDF of the municipality as an attachment, for whoever may see the
 * municipality (404 for anyone else). `build` may audit the download before it is sent.
 */
export function municipalityPdf(
  app: App,
  url: string,
  schema: Description,
  build: (cvegeo: string, request: FastifyRequest) => Promise<{ fileName: string; pdf: Readable }>,
): void {
  app.get(url, { schema: { ...schema, params: CvegeoParams } }, async (request, reply) => {
    const { cvegeo } = request.params;
    assertCanSeeMunicipality(request.auth, cvegeo, "El municipio");
    const { fileName, pdf } = await build(cvegeo, request);
    return sendPdf(reply, fileName, pdf);
  });
}

/**
 * GET `url` (with `:token`), for anyone with the public link: what `read` returns for the token,
 * never cached (the form closes, comments are published).
 */
export function getByPublicToken<T extends z.ZodType>(
  app: App,
  url: string,
  schema: { summary: string; params: typeof TokenParams; response: { 200: T } },
  read: (token: string) => Promise<z.output<T>>,
): void {
  // As in getOfMunicipality: `read` is checked against the 200 schema where it is passed.
  const response: { 200: z.ZodType } = schema.response;
  app.get(
    url,
    { schema: { tags: ["Público"], summary: schema.summary, params: schema.params, response } },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return read(request.params.token);
    },
  );
}

/**
 * The per-address limit of a public form's submissions (`max` in ten minutes); `tooMany` says what
 * was sent too often, e.g. «demasiadas respuestas».
 */
export function publicSubmissionLimit(max: number, tooMany: string) {
  return {
    rateLimit: {
      max,
      timeWindow: 10 * 60_000,
      errorResponseBuilder: () =>
        new AppError(
          "rate_limited",
          `Se recibieron ${tooMany} desde esta conexión. Espere unos minutos y vuelva a intentarlo.`,
        ),
    },
  };
}
