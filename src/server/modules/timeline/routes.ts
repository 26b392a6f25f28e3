import { desc, eq } from "drizzle-orm";
import { PageQuery } from "../../../contracts/common.js";
import { CvegeoParams } from "../../../contracts/municipalities.js";
import { TimelineEvent } from "../../../contracts/participation.js";
import { z } from "../../../contracts/zod.js";
import { auditEvents } from "../../db/schema/index.js";
import { assertCanSeeMunicipality } from "../../lib/scope.js";
import type { App } from "../../types.js";

/** Sign-in events are about accounts, not about the municipality's work. */
const HIDDEN = new Set(["auth.login", "auth.logout", "auth.login_failed"]);

export async function timelineRoutes(app: App): Promise<void> {
  const { db } = app.deps;
  app.get(
    "/api/municipalities/:cvegeo/timeline",
    {
      schema: {
        tags: ["municipios"],
        summary: "Todo lo ocurrido en el municipio, lo más reciente primero",
        params: CvegeoParams,
        querystring: PageQuery,
        response: {
          200: z.object({
            items: z.array(TimelineEvent),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      assertCanSeeMunicipality(request.auth, request.params.cvegeo, "El municipio");
      const { page, pageSize } = request.query;
      const rows = await db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.municipalityCvegeo, request.params.cvegeo))
        .orderBy(desc(auditEvents.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const items = rows
        .filter((row) => !HIDDEN.has(row.action))
        .map((row) => ({
          id: row.id,
          occurredAt: row.occurredAt.toISOString(),
          actor: row.actorLabel,
          action: row.action,
          entityType: row.entityType,
          entityId: row.entityId,
          details: row.after,
        }));
      return { items, page, pageSize };
    },
  );
}
