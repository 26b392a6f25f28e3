import { and, asc, eq, isNull, lte, notExists, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { PublicDocument } from "../../../contracts/public.js";
import type { LocalDate } from "../../../domain/dates.js";
import { isPublished } from "../../../domain/publication.js";
import type { ToolState } from "../../../domain/tool-state.js";
import type { Database, Executor } from "../../db/client.js";
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
import { activeInstance, instanceJoins } from "../../lib/instance-joins.js";
import { preparedOn } from "../../lib/prepared.js";
import { localDateSql } from "../../lib/sql-dates.js";

const earlier = alias(submissions, "earlier_submission");

/**
 * Which evidence files are published, the rule of `isPublished` (src/domain/publication.ts): marked
 * public, first sent with a submission a reviewer validated, and not withdrawn. A public file of a
 * draft, of a submission in review, of a submission that was returned (even when a later
 * resubmission carrying it was validated), a withdrawn file and a private file are not published.
 * The one predicate behind the municipality page, the download, the open data and the public API:
 * the query narrows by it, and each row is checked against the domain's rule.
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
      isPublic: evidenceFiles.isPublic,
      withdrawnAt: evidenceFiles.withdrawnAt,
      decision: reviews.decision,
      municipalityCvegeo: evidenceFiles.municipalityCvegeo,
      municipalityName: municipalities.name,
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
    .innerJoin(municipalities, instanceJoins.municipality)
    .innerJoin(modelTools, instanceJoins.tool)
    .innerJoin(modelDimensions, instanceJoins.dimension)
    .leftJoin(modelToolParts, instanceJoins.part)
    .where(
      and(
        eq(reviews.decision, "validated"),
        eq(toolInstances.state, "validated"),
        eq(evidenceFiles.isPublic, true),
        isNull(evidenceFiles.withdrawnAt),
        // First sent with this submission: no earlier submission of the instance carried it.
        notExists(
          db
            .select({ one: sql`1` })
            .from(earlier)
            .where(
              and(
                eq(earlier.toolInstanceId, submissions.toolInstanceId),
                sql`(${earlier.submittedAt}, ${earlier.id}) < (${submissions.submittedAt}, ${submissions.id})`,
                sql`${earlier.evidenceIds} @> jsonb_build_array(${evidenceFiles.id}::text)`,
              ),
            ),
        ),
        where,
      ),
    );
}

type PublishedRow = Awaited<ReturnType<typeof publishedFiles>>[number];

/** The domain's rule over a row the query found (first sent with the validated submission). */
const published = (row: PublishedRow) =>
  isPublished({
    isPublic: row.isPublic,
    withdrawn: row.withdrawnAt !== null,
    sentWith: row.decision,
  });

function presentDocument(row: PublishedRow): PublicDocument {
  return {
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
  };
}

// Planning this join of nine tables cost ~12 ms at national scale, several times running it:
// the two queries of one municipality's page and of a download are planned once per connection.
const documentsOfQuery = preparedOn((db) =>
  publishedFiles(db, eq(toolInstances.municipalityCvegeo, sql.placeholder("cvegeo")))
    .orderBy(
      asc(modelDimensions.position),
      asc(modelTools.position),
      asc(toolInstances.cycle),
      asc(modelToolParts.position),
      asc(evidenceFiles.version),
    )
    .prepare("mrtm_public_documents_of"),
);

const publishedDocumentQuery = preparedOn((db) =>
  publishedFiles(db, eq(evidenceFiles.id, sql.placeholder("id")))
    .limit(1)
    .prepare("mrtm_public_document"),
);

/** A municipality's published documents, in model order (dimension, tool, cycle, part, version). */
export async function listPublishedDocuments(
  db: Database,
  cvegeo: string,
): Promise<PublicDocument[]> {
  const rows = await documentsOfQuery(db).execute({ cvegeo });
  return rows.filter(published).map(presentDocument);
}

/** Every published document of the region, by municipality and then in model order. */
export async function listAllPublishedDocuments(
  db: Executor,
): Promise<(PublicDocument & { cvegeo: string; municipality: string })[]> {
  const rows = await publishedFiles(db, undefined).orderBy(
    asc(evidenceFiles.municipalityCvegeo),
    asc(modelDimensions.position),
    asc(modelTools.position),
    asc(toolInstances.cycle),
    asc(modelToolParts.position),
    asc(evidenceFiles.version),
  );
  return rows.filter(published).map((row) => ({
    ...presentDocument(row),
    cvegeo: row.municipalityCvegeo,
    municipality: row.municipalityName,
  }));
}

/** One published document (with its blob key, for the download), or null when not published. */
export async function findPublishedDocument(db: Database, id: string) {
  const [row] = await publishedDocumentQuery(db).execute({ id });
  return row && published(row) ? row : null;
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
    .where(and(lte(toolInstances.opensOn, today), activeInstance))
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
        activeInstance,
      ),
    );
  return rows;
}
