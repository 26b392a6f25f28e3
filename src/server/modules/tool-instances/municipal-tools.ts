import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { agreements } from "../../db/schema/index.js";
import type { Actor } from "../../lib/audit.js";
import { foundRow } from "../../lib/found-row.js";
import { type PreparedJson, prepareJson } from "../../lib/prepared-json.js";
import type { Ready } from "../../lib/ready.js";
import {
  municipalityCache,
  municipalityVersion,
  municipalValueNow,
} from "../progress/municipality-cache.js";
import { listInstances } from "./queries.js";
import { cycleOpened, syncIfCycleOpened } from "./sync.js";

/**
 * A participant's tools (`GET /api/municipalities/:cvegeo/tools`) as bytes, read once per change
 * of that municipality or day (decision 0027). The first read of a day materialises a yearly
 * cycle that opened since the last visit (in a transaction only then).
 */
export function municipalToolsJson(
  db: Database,
  cvegeo: string,
  now: Date,
  actor: Actor,
): Ready<PreparedJson> {
  return (
    municipalValueNow<PreparedJson>(db, TOOLS, cvegeo, now) ??
    loadMunicipalTools(db, cvegeo, now, actor)
  );
}

const TOOLS = "tool-instances.list";

async function loadMunicipalTools(
  db: Database,
  cvegeo: string,
  now: Date,
  actor: Actor,
): Promise<PreparedJson> {
  const version = await municipalityVersion(db, cvegeo, now);
  return municipalityCache<PreparedJson>(db, TOOLS).get(cvegeo, version.key, now, async () => {
    const agreement = await foundRow(
      db,
      agreements,
      eq(agreements.municipalityCvegeo, cvegeo),
      "El municipio no participa: no tiene convenio registrado.",
    );
    if (await cycleOpened(db, agreement, now)) {
      await db.transaction((tx) => syncIfCycleOpened(tx, agreement, now, actor));
    }
    return { value: await prepareJson(await listInstances(db, cvegeo, now)) };
  });
}
