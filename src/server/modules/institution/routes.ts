import {
  Institution,
  LOGO_MAX_BYTES,
  UpdateInstitutionRequest,
} from "../../../contracts/institution.js";
import { z } from "../../../contracts/zod.js";
import { canAdminister } from "../../../domain/policy.js";
import { authorize } from "../../lib/scope.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getInstitution, getLogo, setLogo, updateInstitution } from "./service.js";

const tags = ["institución"];

export async function institutionRoutes(app: App): Promise<void> {
  const { db } = app.deps;

  // Logos arrive as the raw image body; the type is checked by content in the service.
  app.addContentTypeParser(
    ["image/png", "image/jpeg", "image/webp", "application/octet-stream"],
    { parseAs: "buffer", bodyLimit: LOGO_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.get(
    "/api/institution",
    {
      schema: {
        tags,
        summary: "Nombre, unidad y logotipo del órgano garante (público)",
        response: { 200: Institution },
      },
    },
    async () => getInstitution(db),
  );

  app.put(
    "/api/institution",
    {
      schema: {
        tags,
        summary: "Cambiar los datos de la institución",
        body: UpdateInstitutionRequest,
        response: { 200: Institution },
      },
    },
    async (request) => {
      authorize(request, canAdminister);
      await updateInstitution(db, request.body, actorOf(request));
      return getInstitution(db);
    },
  );

  app.get(
    "/api/institution/logo",
    { schema: { tags, summary: "El logotipo (imagen)" } },
    async (_request, reply) => {
      const logo = await getLogo(db);
      return reply
        .type(logo.mime)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "public, max-age=300")
        .send(logo.data);
    },
  );

  app.put(
    "/api/institution/logo",
    {
      schema: {
        tags,
        summary: "Subir el logotipo (PNG, JPEG o WebP, cuerpo binario, 512 KB máx.)",
        response: { 200: Institution },
      },
    },
    async (request) => {
      authorize(request, canAdminister);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        await setLogo(db, Buffer.alloc(0), actorOf(request));
      } else {
        await setLogo(db, body, actorOf(request));
      }
      return getInstitution(db);
    },
  );

  app.delete(
    "/api/institution/logo",
    {
      schema: {
        tags,
        summary: "Quitar el logotipo",
        response: { 200: Institution, 204: z.null() },
      },
    },
    async (request) => {
      authorize(request, canAdminister);
      await setLogo(db, null, actorOf(request));
      return getInstitution(db);
    },
  );
}
