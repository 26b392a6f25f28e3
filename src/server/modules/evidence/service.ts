import type { Readable } from "node:stream";
import { and, count, eq, max } from "drizzle-orm";
import type { AuditAction, AuditPayloadOf } from "../../../domain/audit-events.js";
import { localDateOf } from "../../../domain/dates.js";
import { actingRole } from "../../../domain/policy.js";
import {
  canDeleteEvidence,
  canSetPublic,
  canWithdraw,
  type PublicationDecision,
  publicationState,
  sentWithOf,
  stateAfterDraftDeleted,
  withdrawalReasonProblem,
} from "../../../domain/publication.js";
import { isImportedReview, transition } from "../../../domain/tool-state.js";
import { effectiveDateProblem } from "../../../domain/uploads.js";
import type { Database, Executor } from "../../db/client.js";
import { documents, evidenceFiles, toolInstances } from "../../db/schema/index.js";
import { type Actor, type AuditEntry, recordAudit } from "../../lib/audit.js";
import { AppError, notFound } from "../../lib/errors.js";
import { foundRow, lockedRow } from "../../lib/found-row.js";
import { inScope } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import type { BlobStore } from "../../storage/index.js";
import { type StoredUpload, storeUpload } from "../../uploads/store.js";
import { lockInstance, moveInstance } from "../review/service.js";
import { cleanFileName } from "./file-name.js";
import { submittedVersions } from "./queries.js";

export interface UploadOptions {
  instanceId: string;
  file: Readable;
  fileName: string | undefined;
  effectiveOn: string | undefined;
  isPublic: boolean;
  maxBytes: number;
  tempDir: string;
}

function checkMayUpload(
  instance: Pick<typeof toolInstances.$inferSelect, "state" | "importedAt">,
  user: AuthUser,
) {
  const result = transition(instance.state, "add_evidence", actingRole(user), {
    hasEvidence: true,
    importedReview: isImportedReview(instance.state, instance.importedAt),
  });
  if (!result.ok) {
    throw new AppError(result.reason === "forbidden" ? "forbidden" : "conflict", result.message);
  }
  return result.state;
}

/** A document cannot rule from a day that has not come yet (a 2031 «fecha de vigencia»). */
function checkEffectiveDate(effectiveOn: string | undefined, now: Date) {
  const problem = effectiveOn ? effectiveDateProblem(effectiveOn, localDateOf(now)) : null;
  if (problem) {
    throw new AppError("validation_error", problem, [{ field: "effectiveOn", message: problem }]);
  }
}

/**
 * Stores a new evidence version. The file is staged on disk (hashed on the way, never whole in
 * memory), recognised by its content, copied to the blob store, and only then recorded, with its
 * audit event, in one transaction. If that transaction fails the new blob is deleted, so no blob
 * is left without a row and no row points at a missing blob.
 */
export async function uploadEvidence(
  db: Database,
  blobs: BlobStore,
  options: UploadOptions,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<string> {
  // Refuse before reading the body when the rules already say no.
  checkEffectiveDate(options.effectiveOn, now);
  const current = await foundRow(
    db,
    toolInstances,
    and(eq(toolInstances.id, options.instanceId), inScope(user, toolInstances.municipalityCvegeo)),
    "La herramienta no existe.",
  );
  checkMayUpload(current, user);

  return storeUpload(
    blobs,
    options.file,
    { maxBytes: options.maxBytes, tempDir: options.tempDir },
    (stored) =>
      db.transaction(async (tx) => {
        const instance = await lockInstance(tx, options.instanceId, user);
        return recordEvidenceVersion(tx, instance, stored, options, user, actor, now);
      }),
  );
}

/**
 * Records a stored file as the next evidence version of a locked instance, moves the instance as
 * an upload does (pending → in progress) and writes its audit event, in the caller's transaction.
 * Uploads and the documents MRTM generates itself (the M1 survey's report) share it.
 */
export async function recordEvidenceVersion(
  tx: Executor,
  instance: typeof toolInstances.$inferSelect,
  stored: StoredUpload,
  options: { fileName: string | undefined; effectiveOn: string | undefined; isPublic: boolean },
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<string> {
  const before = instance.state;
  const state = checkMayUpload(instance, user);
  const [latest] = await tx
    .select({ version: max(evidenceFiles.version) })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.toolInstanceId, instance.id));
  const [row] = await tx
    .insert(evidenceFiles)
    .values({
      toolInstanceId: instance.id,
      municipalityCvegeo: instance.municipalityCvegeo,
      version: (latest?.version ?? 0) + 1,
      blobKey: stored.key,
      sha256: stored.sha256,
      size: stored.size,
      mime: stored.mime,
      fileName: cleanFileName(options.fileName, stored.ext),
      effectiveOn: options.effectiveOn ?? localDateOf(now),
      isPublic: options.isPublic,
      uploadedBy: user.id,
      uploadedAt: now,
    })
    .returning();
  if (!row) {
    throw new Error("insert returned no row");
  }
  if (state !== before) {
    await moveInstance(tx, instance, state, now);
    // Later writes in the same transaction see the instance as it now is.
    instance.state = state;
    instance.version += 1;
  }
  await auditEvidence(tx, actor, instance, row, {
    action: "evidence.uploaded",
    before: { state: before },
    after: {
      ...versionOf(instance, row),
      sha256: row.sha256,
      size: row.size,
      mime: row.mime,
      isPublic: row.isPublic,
      state,
    },
  });
  return row.id;
}

/** An evidence file for download, if the user may see its municipality; audited. */
export async function openEvidence(
  db: Database,
  blobs: BlobStore,
  id: string,
  user: AuthUser,
  actor: Actor,
) {
  const file = await foundRow(
    db,
    evidenceFiles,
    and(eq(evidenceFiles.id, id), inScope(user, evidenceFiles.municipalityCvegeo)),
    "El documento no existe.",
  );
  const stream = (await blobs.get(file.blobKey)) as Readable;
  // The file's row carries its municipality, the same as its instance's.
  await auditEvidence(db, actor, file, file, {
    action: "evidence.downloaded",
    after: { fileName: file.fileName, isPublic: file.isPublic },
  });
  return { file, stream };
}

/** Which version of which tool instance's file an event is about, as the audit trail says it. */
function versionOf(
  instance: { id: string },
  file: { version: number; fileName: string },
): { toolInstance: string; version: number; fileName: string } {
  return { toolInstance: instance.id, version: file.version, fileName: file.fileName };
}

/** Records an event of one evidence file, filed under its instance's municipality. */
function auditEvidence<A extends Extract<AuditAction, `evidence.${string}`>>(
  executor: Executor,
  actor: Actor,
  instance: { municipalityCvegeo: string },
  file: { id: string },
  event: { action: A } & AuditPayloadOf<A>,
): Promise<void> {
  // Every evidence.* action is filed under "evidence"; the compiler cannot see that for a
  // generic action, hence the assertion.
  const entry = {
    ...event,
    entityType: "evidence",
    entityId: file.id,
    municipality: instance.municipalityCvegeo,
  };
  return recordAudit(executor, actor, entry as AuditEntry<A>);
}

/** Throws the refusal of a publication rule as its stable code, or does nothing when allowed. */
function enforce(decision: PublicationDecision): void {
  if (!decision.ok) {
    throw new AppError(decision.code, decision.message);
  }
}

/**
 * Locks a version and its instance (instance first, as uploads and reviews do) when the user may
 * see its municipality; another municipality's version answers 404. Returns where it was first sent.
 */
async function lockVersion(tx: Executor, id: string, user: AuthUser) {
  const [found] = await tx
    .select({ instanceId: evidenceFiles.toolInstanceId, cvegeo: evidenceFiles.municipalityCvegeo })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.id, id), inScope(user, evidenceFiles.municipalityCvegeo)));
  if (!found) {
    throw notFound("El documento no existe.");
  }
  const instance = await lockInstance(tx, found.instanceId, user);
  const file = await lockedRow(
    tx,
    evidenceFiles,
    eq(evidenceFiles.id, id),
    "El documento no existe.",
  );
  const sentWith = sentWithOf(file.id, await submittedVersions(tx, instance.id));
  return { instance, file, sentWith };
}

/**
 * The liaison deletes a draft version (never sent to review), audited. With no document left a
 * never-sent tool is pending again. The blob is deleted after the commit, and only when no other
 * row (an evidence version, a stored document) references it.
 */
export async function deleteDraftEvidence(
  db: Database,
  blobs: BlobStore,
  id: string,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  const unreferenced = await db.transaction(async (tx) => {
    const { instance, file, sentWith } = await lockVersion(tx, id, user);
    enforce(canDeleteEvidence(actingRole(user), sentWith));
    await tx.delete(evidenceFiles).where(eq(evidenceFiles.id, file.id));
    const [remaining] = await tx
      .select({ n: count() })
      .from(evidenceFiles)
      .where(eq(evidenceFiles.toolInstanceId, instance.id));
    const state = stateAfterDraftDeleted(instance.state, remaining?.n ?? 0);
    if (state !== instance.state) {
      await moveInstance(tx, instance, state, now);
    }
    await auditEvidence(tx, actor, instance, file, {
      action: "evidence.deleted",
      before: {
        ...versionOf(instance, file),
        sha256: file.sha256,
        isPublic: file.isPublic,
        state: instance.state,
      },
      after: { state },
    });
    const [evidenceRefs] = await tx
      .select({ n: count() })
      .from(evidenceFiles)
      .where(eq(evidenceFiles.blobKey, file.blobKey));
    const [documentRefs] = await tx
      .select({ n: count() })
      .from(documents)
      .where(eq(documents.blobKey, file.blobKey));
    return (evidenceRefs?.n ?? 0) + (documentRefs?.n ?? 0) === 0 ? file.blobKey : null;
  });
  if (unreferenced) {
    // The row is gone for good; a blob that fails to go is only an unreferenced file.
    await blobs.delete(unreferenced).catch(() => {});
  }
}

/**
 * The liaison or the institution's staff withdraw a public document, with a reason: it leaves the
 * public portal, the open data and the public API at once (the update moves the progress stamp
 * the public caches are keyed by) and stays in the record, marked withdrawn. Audited.
 */
export async function withdrawEvidence(
  db: Database,
  id: string,
  reason: string,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const { instance, file, sentWith } = await lockVersion(tx, id, user);
    const state = publicationState({
      isPublic: file.isPublic,
      withdrawn: file.withdrawnAt !== null,
      sentWith,
    });
    enforce(canWithdraw(actingRole(user), state));
    const problem = withdrawalReasonProblem(reason);
    if (problem) {
      throw new AppError("validation_error", problem, [{ field: "reason", message: problem }]);
    }
    const text = reason.trim();
    await tx
      .update(evidenceFiles)
      .set({ withdrawnAt: now, withdrawnBy: user.id, withdrawalReason: text })
      .where(eq(evidenceFiles.id, file.id));
    await auditEvidence(tx, actor, instance, file, {
      action: "evidence.withdrawn",
      before: { publication: state },
      after: { publication: "withdrawn", reason: text, ...versionOf(instance, file) },
    });
    return instance.id;
  });
}

/**
 * While reviewing, staff decide whether a file sent with the submission under review will be
 * public once validated. Audited when it changes.
 */
export async function setEvidencePublic(
  db: Database,
  id: string,
  isPublic: boolean,
  user: AuthUser,
  actor: Actor,
): Promise<string> {
  return db.transaction(async (tx) => {
    const { instance, file, sentWith } = await lockVersion(tx, id, user);
    enforce(
      canSetPublic(actingRole(user), instance.state, {
        withdrawn: file.withdrawnAt !== null,
        sentWith,
      }),
    );
    if (file.isPublic !== isPublic) {
      await tx.update(evidenceFiles).set({ isPublic }).where(eq(evidenceFiles.id, file.id));
      await auditEvidence(tx, actor, instance, file, {
        action: "evidence.public_changed",
        before: { isPublic: file.isPublic },
        after: { isPublic, ...versionOf(instance, file) },
      });
    }
    return instance.id;
  });
}
