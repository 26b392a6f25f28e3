import { and, count, desc, eq, notInArray } from "drizzle-orm";
import { PageQuery, paged } from "../../../contracts/common.js";
import { CvegeoParams } from "../../../contracts/municipalities.js";
import { TimelineEvent } from "../../../contracts/participation.js";
import { auditEvents } from "../../db/schema/index.js";
import { assertCanSeeMunicipality } from "../../lib/scope.js";
import type { App } from "../../types.js";

/** Sign-in events are about accounts, not about the municipality's work. */
const HIDDEN = ["auth.login", "auth.logout", "auth.login_failed"];

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
        response: { 200: paged(TimelineEvent) },
      },
    },
    async (request) => {
      assertCanSeeMunicipality(request.auth, request.params.cvegeo, "El municipio");
      const { page, pageSize } = request.query;
      // Filtered in SQL, so that every page is full and the total is right.
      const where = and(
        eq(auditEvents.municipalityCvegeo, request.params.cvegeo),
        notInArray(auditEvents.action, HIDDEN),
      );
      const [rows, totals] = await Promise.all([
        db
          .select()
          .from(auditEvents)
          .where(where)
          .orderBy(desc(auditEvents.id))
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db.select({ total: count() }).from(auditEvents).where(where),
      ]);
      const items = rows.map((row) => ({
        id: row.id,
        occurredAt: row.occurredAt.toISOString(),
        actor: row.actorLabel,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        details: row.after,
      }));
      return { items, total: totals[0]?.total ?? 0, page, pageSize };
    },
  );
}
