import { sql } from "drizzle-orm";
import { z } from "../../../contracts/zod.js";
import { DATABASE_KINDS } from "../../db/client.js";
import type { App } from "../../types.js";

const Health = z.object({
  status: z.literal("ok"),
  database: z.enum(DATABASE_KINDS),
  /** A first start is still writing the demo progress: the screens fill in as it goes. */
  preparingDemo: z.boolean(),
});

export async function healthRoutes(app: App): Promise<void> {
  app.get(
    "/api/health",
    {
      schema: {
        tags: ["sistema"],
        summary: "Estado del servicio y de su base de datos",
        response: { 200: Health },
      },
    },
    async () => {
      await app.deps.db.execute(sql`select 1`);
      return {
        status: "ok" as const,
        database: app.deps.databaseKind,
        preparingDemo: app.deps.preparingDemo?.() ?? false,
      };
    },
  );
}
