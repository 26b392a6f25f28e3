import { UploadLimits } from "../../../contracts/uploads.js";
import type { App } from "../../types.js";
import { ACCEPTED_TYPES, ACCEPTED_TYPES_LABEL } from "../../uploads/index.js";

export async function uploadLimitRoutes(app: App): Promise<void> {
  app.get(
    "/api/uploads/limits",
    {
      schema: {
        tags: ["evidencia"],
        summary: "Tamaño máximo y tipos de archivo admitidos",
        response: { 200: UploadLimits },
      },
    },
    async () => ({
      maxBytes: app.deps.config.maxUploadBytes,
      acceptedLabel: ACCEPTED_TYPES_LABEL,
      accepted: ACCEPTED_TYPES.map(({ ext, mime }) => ({ ext, mime })),
    }),
  );
}
