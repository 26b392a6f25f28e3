/**
 * The reads many modules declare alike: one record (a card, an action, a draft, a model version,
 * an outgoing e-mail) or the file stored with it, fetched by its `:id` for the signed-in user.
 */
import type { Readable } from "node:stream";
import { IdParams } from "../../contracts/common.js";
import type { z } from "../../contracts/zod.js";
import type { Subject } from "../../domain/policy.js";
import { type AuthUser, actorOf, requireUser } from "../plugins/auth.js";
import type { App } from "../types.js";
import type { Actor } from "./audit.js";
import { sendStoredFile } from "./http-files.js";
import type { municipalityPdf } from "./routes.js";
import { authorize } from "./scope.js";

/** What a route's OpenAPI operation says besides its parameters (as in `lib/routes.ts`). */
type Description = Parameters<typeof municipalityPdf>[2];

/**
 * GET `url` (with `:id`): 401 without a session, 403 when `can` (if given) refuses the user, else
 * what `read` returns for the record and the user, as the 200 schema says. Without `can`, `read`
 * scopes the record itself, so another municipality's record is not found (404, never 403).
 */
export function getById<T extends z.ZodType>(
  app: App,
  url: string,
  schema: Description & { response: { 200: T } },
  read: (id: string, user: AuthUser) => Promise<z.output<T>>,
  can?: (subject: Subject) => boolean,
): void {
  // As in getOfMunicipality: `read` is checked against the 200 schema where it is passed; here the
  // schema is any zod type, as the type provider cannot resolve a generic one's reply type.
  const response: { 200: z.ZodType } = schema.response;
  app.get(url, { schema: { ...schema, params: IdParams, response } }, async (request) => {
    const { user } = can ? authorize(request, can) : requireUser(request);
    return read(request.params.id, user);
  });
}

/**
 * GET `url` (with `:id`): 401 without a session, else the file `open` finds stored with the record
 * (it decides who may see it and audits the download), sent as an attachment.
 */
export function downloadById(
  app: App,
  url: string,
  schema: Description,
  open: (
    id: string,
    user: AuthUser,
    actor: Actor,
  ) => Promise<{ document: { mime: string; fileName: string; size: number }; stream: Readable }>,
): void {
  app.get(url, { schema: { ...schema, params: IdParams } }, async (request, reply) => {
    const { user } = requireUser(request);
    const { document, stream } = await open(request.params.id, user, actorOf(request));
    return sendStoredFile(reply, document, stream);
  });
}
