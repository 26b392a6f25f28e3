import {
  Institution,
  LOGO_MAX_BYTES,
  UpdateInstitutionRequest,
} from "../../../contracts/institution.js";
import { z } from "../../../contracts/zod.js";
import { canAdminister } from "../../../domain/policy.js";
import { routesOf } from "../../lib/operations.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getInstitution, getLogo, setLogo, updateInstitution } from "./service.js";

export async function institutionRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["institución"]);
  const { db } = app.deps;

  // Logos arrive as the raw image body; the type is checked by content in the service.
  app.addContentTypeParser(
    ["image/png", "image/jpeg", "image/webp", "application/octet-stream"],
    { parseAs: "buffer", bodyLimit: LOGO_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  route.get(
    "/api/institution",
    "Nombre, unidad y logotipo del órgano garante (público)",
    { response: { 200: Institution } },
    async () => getInstitution(db),
  );

  route.put(
    "/api/institution",
    "Cambiar los datos de la institución",
    { body: UpdateInstitutionRequest, response: { 200: Institution } },
    async (request) => {
      await updateInstitution(db, request.body, actorOf(request));
      return getInstitution(db);
    },
    canAdminister,
  );

  route.get("/api/institution/logo", "El logotipo (imagen)", {}, async (_request, reply) => {
    const logo = await getLogo(db);
    return reply
      .type(logo.mime)
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "public, max-age=300")
      .send(logo.data);
  });

  route.put(
    "/api/institution/logo",
    "Subir el logotipo (PNG, JPEG o WebP, cuerpo binario, 512 KB máx.)",
    { response: { 200: Institution } },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        await setLogo(db, Buffer.alloc(0), actorOf(request));
      } else {
        await setLogo(db, body, actorOf(request));
      }
      return getInstitution(db);
    },
    canAdminister,
  );

  route.delete(
    "/api/institution/logo",
    "Quitar el logotipo",
    { response: { 200: Institution, 204: z.null() } },
    async (request) => {
      await setLogo(db, null, actorOf(request));
      return getInstitution(db);
    },
    canAdminister,
  );
}
