/**
 * The route shapes many modules declare alike, each in one place: a municipality's data read by
 * whoever may see the municipality, and a municipality's PDF downloaded the same way.
 */
import type { Readable } from "node:stream";
import type { FastifyRequest } from "fastify";
import { CvegeoParams } from "../../contracts/municipalities.js";
import type { z } from "../../contracts/zod.js";
import type { App } from "../types.js";
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
