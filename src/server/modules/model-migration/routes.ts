import { IdParams } from "../../../contracts/common.js";
import { MigrationPreview, MigrationRequest } from "../../../contracts/model-migration.js";
import { canAdminister } from "../../../domain/policy.js";
import { routesOf } from "../../lib/operations.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { applyMigration, previewMigration } from "./service.js";

/** Moving participants to a published model version: preview, then apply (decision 0030). */
export async function modelMigrationRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["modelo"]);
  const { db, now } = app.deps;

  route.post(
    "/api/model/versions/:id/migration-preview",
    "Qué cambiaría al mover municipios a esta versión (no cambia nada)",
    { params: IdParams, body: MigrationRequest, response: { 200: MigrationPreview } },
    async (request) => previewMigration(db, request.params.id, request.body.municipalities, now()),
    canAdminister,
  );

  route.post(
    "/api/model/versions/:id/migrations",
    "Mover municipios a esta versión: todos o ninguno",
    { params: IdParams, body: MigrationRequest, response: { 200: MigrationPreview } },
    async (request) => {
      return applyMigration(
        db,
        request.params.id,
        request.body.municipalities,
        now(),
        actorOf(request),
      );
    },
    canAdminister,
  );
}
