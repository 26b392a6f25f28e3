import type { Database } from "../../db/client.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { getInstitution } from "../institution/service.js";
import { progressService, type RegionalProgress } from "../progress/service.js";

/**
 * What the regional report is written from: the region's progress and, for the workbook's header,
 * the institution. Everything that can fail is read before the first byte is sent; the download
 * is recorded (`report.regional_downloaded`) with the request's actor and the format.
 */
export async function openRegionalReport(
  db: Database,
  format: "xlsx" | "csv",
  actor: Actor,
  now: Date,
): Promise<{ progress: RegionalProgress; institution: string }> {
  const progress = await progressService(db).current(now);
  const institution = await getInstitution(db);
  await recordAudit(db, actor, {
    action: "report.regional_downloaded",
    entityType: "report",
    after: { format, asOf: progress.asOf, municipalities: progress.municipalities.length },
  });
  return { progress, institution: `${institution.shortName} · ${institution.unitName}` };
}
