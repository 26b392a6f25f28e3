import { asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { EvidenceFile } from "../../../contracts/participation.js";
import {
  publicationState,
  type SubmittedVersions,
  sentWithOf,
} from "../../../domain/publication.js";
import type { Database, Executor } from "../../db/client.js";
import { evidenceFiles, reviews, submissions, users } from "../../db/schema/index.js";
import { preparedOn } from "../../lib/prepared.js";

const uploader = alias(users, "uploader");
const withdrawer = alias(users, "withdrawer");

/** An instance's evidence versions, oldest first, with who uploaded and who withdrew each. */
export function instanceEvidence(db: Database, instanceId: string) {
  return evidenceOfInstance(db).execute({ instanceId });
}

const evidenceOfInstance = preparedOn((db) =>
  db
    .select({ file: evidenceFiles, uploadedBy: uploader.name, withdrawnBy: withdrawer.name })
    .from(evidenceFiles)
    .innerJoin(uploader, eq(uploader.id, evidenceFiles.uploadedBy))
    .leftJoin(withdrawer, eq(withdrawer.id, evidenceFiles.withdrawnBy))
    .where(eq(evidenceFiles.toolInstanceId, sql.placeholder("instanceId")))
    .orderBy(asc(evidenceFiles.version))
    .prepare("mrtm_instance_evidence"),
);

type EvidenceRow = Awaited<ReturnType<typeof instanceEvidence>>[number];

/** An instance's submissions, oldest first, with what each carried and its decision (if any). */
export async function submittedVersions(
  db: Executor,
  instanceId: string,
): Promise<SubmittedVersions[]> {
  return db
    .select({ evidenceIds: submissions.evidenceIds, decision: reviews.decision })
    .from(submissions)
    .leftJoin(reviews, eq(reviews.submissionId, submissions.id))
    .where(eq(submissions.toolInstanceId, instanceId))
    .orderBy(asc(submissions.submittedAt), asc(submissions.id));
}

/** The evidence as the tool page shows it: each version with its publication state. */
export function presentEvidence(
  rows: EvidenceRow[],
  history: readonly SubmittedVersions[],
): EvidenceFile[] {
  return rows.map(({ file, uploadedBy, withdrawnBy }) => {
    const sentWith = sentWithOf(file.id, history);
    return {
      id: file.id,
      version: file.version,
      fileName: file.fileName,
      mime: file.mime,
      size: file.size,
      sha256: file.sha256,
      effectiveOn: file.effectiveOn,
      isPublic: file.isPublic,
      uploadedBy,
      uploadedAt: file.uploadedAt.toISOString(),
      sentWith,
      publication: publicationState({
        isPublic: file.isPublic,
        withdrawn: file.withdrawnAt !== null,
        sentWith,
      }),
      withdrawal: file.withdrawnAt
        ? {
            reason: file.withdrawalReason ?? "",
            by: withdrawnBy ?? "",
            at: file.withdrawnAt.toISOString(),
          }
        : null,
    };
  });
}
