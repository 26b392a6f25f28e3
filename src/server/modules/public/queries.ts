import { and, asc, eq, lte, type SQL, sql } from "drizzle-orm";
import type { PublicDocument } from "../../../contracts/public.js";
import type { LocalDate } from "../../../domain/dates.js";
import type { ToolState } from "../../../domain/tool-state.js";
import type { Executor } from "../../db/client.js";
import {
  evidenceFiles,
  modelDimensions,
  modelToolParts,
  modelTools,
  municipalities,
  reviews,
  submissions,
  toolInstances,
} from "../../db/schema/index.js";
import { instanceJoins } from "../../lib/instance-joins.js";
import { localDateSql } from "../../lib/sql-dates.js";

/**
 * Which evidence files are published: flagged public by the municipality AND part of the
 * submission a reviewer validated, on an instance that is validated. A public file of a draft, of
 * a submission that was returned, or uploaded after validation is not published; neither is a
 * private file of the validated submission. The one predicate behind the list and the download.
 */
function publishedFiles(db: Executor, where: SQL | undefined) {
  return db
    .select({
      id: evidenceFiles.id,
      blobKey: evidenceFiles.blobKey,
      fileName: evidenceFiles.fileName,
      mime: evidenceFiles.mime,
      size: evidenceFiles.size,
      sha256: evidenceFiles.sha256,
      effectiveOn: evidenceFiles.effectiveOn,
      version: evidenceFiles.version,
      municipalityCvegeo: evidenceFiles.municipalityCvegeo,
      toolCode: toolInstances.toolCode,
      partCode: toolInstances.partCode,
      cycle: toolInstances.cycle,
      toolName: modelTools.name,
      partName: modelToolParts.name,
      validatedOn: localDateSql(reviews.decidedAt),
    })
    .from(reviews)
    .innerJoin(submissions, eq(submissions.id, reviews.submissionId))
    .innerJoin(toolInstances, eq(toolInstances.id, reviews.toolInstanceId))
    .innerJoin(
      evidenceFiles,
      and(
        eq(evidenceFiles.toolInstanceId, toolInstances.id),
        sql`${submissions.evidenceIds} @> jsonb_build_array(${evidenceFiles.id}::text)`,
      ),
    )
    .innerJoin(modelTools, instanceJoins.tool)
    .innerJoin(modelDimensions, instanceJoins.dimension)
    .leftJoin(modelToolParts, instanceJoins.part)
    .where(
      and(
        eq(reviews.decision, "validated"),
        eq(toolInstances.state, "validated"),
        eq(evidenceFiles.isPublic, true),
        where,
      ),
    );
}

/** A municipality's published documents, in model order (dimension, tool, cycle, part, version). */
export async function listPublishedDocuments(
  db: Executor,
  cvegeo: string,
): Promise<PublicDocument[]> {
  const rows = await publishedFiles(db, eq(toolInstances.municipalityCvegeo, cvegeo)).orderBy(
    asc(modelDimensions.position),
    asc(modelTools.position),
    asc(toolInstances.cycle),
    asc(modelToolParts.position),
    asc(evidenceFiles.version),
  );
  return rows.map((row) => ({
    id: row.id,
    tool: row.toolCode,
    toolName: row.toolName,
    part: row.partCode,
    partName: row.partName,
    cycle: row.cycle,
    fileName: row.fileName,
    mime: row.mime,
    size: row.size,
    effectiveOn: row.effectiveOn,
    validatedOn: row.validatedOn,
    url: `/api/public/documents/${row.id}`,
  }));
}

/** One published document (with its blob key, for the download), or null when not published. */
export async function findPublishedDocument(db: Executor, id: string) {
  const [row] = await publishedFiles(db, eq(evidenceFiles.id, id)).limit(1);
  return row ?? null;
}

/** One instance of a tool (or part) for one cycle, as the open data lists it. */
export interface InstanceRow {
  cvegeo: string;
  municipality: string;
  dimension: string;
  toolCode: string;
  toolName: string;
  partCode: string | null;
  partName: string | null;
  cycle: number;
  opensOn: LocalDate;
  deadline: LocalDate | null;
  state: ToolState;
  firstSubmittedOn: LocalDate | null;
  validatedOn: LocalDate | null;
}

/**
 * Every instance already opened by `today`, in catalogue and model order: the rows of the tools
 * dataset. Later cycles of annual tools exist only once opened, but the filter keeps it exact.
 */
export async function listOpenedInstances(db: Executor, today: LocalDate): Promise<InstanceRow[]> {
  return db
    .select({
      cvegeo: toolInstances.municipalityCvegeo,
      municipality: municipalities.name,
      dimension: modelDimensions.code,
      toolCode: toolInstances.toolCode,
      toolName: modelTools.name,
      partCode: toolInstances.partCode,
      partName: modelToolParts.name,
      cycle: toolInstances.cycle,
      opensOn: toolInstances.opensOn,
      deadline: toolInstances.deadline,
      state: toolInstances.state,
      firstSubmittedOn: localDateSql<string | null>(toolInstances.firstSubmittedAt),
      validatedOn: localDateSql<string | null>(toolInstances.validatedAt),
    })
    .from(toolInstances)
    .innerJoin(municipalities, instanceJoins.municipality)
    .innerJoin(modelTools, instanceJoins.tool)
    .innerJoin(modelDimensions, instanceJoins.dimension)
    .leftJoin(modelToolParts, instanceJoins.part)
    .where(lte(toolInstances.opensOn, today))
    .orderBy(
      asc(toolInstances.municipalityCvegeo),
      asc(modelDimensions.position),
      asc(modelTools.position),
      asc(toolInstances.cycle),
      asc(modelToolParts.position),
    );
}

/** The validation date of each of a municipality's validated instances (every cycle). */
export async function loadValidationDates(
  db: Executor,
  cvegeo: string,
): Promise<{ toolCode: string; partCode: string | null; cycle: number; validatedOn: string }[]> {
  const rows = await db
    .select({
      toolCode: toolInstances.toolCode,
      partCode: toolInstances.partCode,
      cycle: toolInstances.cycle,
      validatedOn: localDateSql(toolInstances.validatedAt),
    })
    .from(toolInstances)
    .where(
      and(
        eq(toolInstances.municipalityCvegeo, cvegeo),
        eq(toolInstances.state, "validated"),
        sql`${toolInstances.validatedAt} is not null`,
      ),
    );
  return rows;
}
