import type { GapMatrixFilters } from "../../../contracts/gap-matrix.js";
import type { Database } from "../../db/client.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { getInstitution } from "../institution/service.js";
import { type ComputedMatrix, computeGapMatrix } from "./queries.js";

/**
 * What the gap matrix workbook is written from: the filtered matrix and, for its header, the
 * institution. Everything that can fail is read before the first byte is sent; the download is
 * recorded (`report.gap_matrix_downloaded`) with the request's actor and the filters it used.
 */
export async function openGapMatrixWorkbook(
  db: Database,
  filters: GapMatrixFilters,
  actor: Actor,
  now: Date,
): Promise<{ computed: ComputedMatrix; institution: string }> {
  const computed = await computeGapMatrix(db, filters, now);
  const institution = await getInstitution(db);
  const { cohort, dimension, state } = filters;
  const overdue = filters.overdue === undefined ? undefined : filters.overdue === "true";
  await recordAudit(db, actor, {
    action: "report.gap_matrix_downloaded",
    entityType: "report",
    after: {
      format: "xlsx",
      asOf: computed.today,
      municipalities: computed.matrix.rows.length,
      // Only the filters used: an unfiltered matrix records none.
      ...(cohort === undefined ? {} : { cohort }),
      ...(dimension === undefined ? {} : { dimension }),
      ...(state === undefined ? {} : { state }),
      ...(overdue === undefined ? {} : { overdue }),
    },
  });
  return { computed, institution: `${institution.shortName} · ${institution.unitName}` };
}
