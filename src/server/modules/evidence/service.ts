import type { Readable } from "node:stream";
import { eq, max } from "drizzle-orm";
import { localDateOf } from "../../../domain/dates.js";
import { transition } from "../../../domain/tool-state.js";
import type { Database } from "../../db/client.js";
import { evidenceFiles, toolInstances } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { AppError, notFound } from "../../lib/errors.js";
import { canSeeMunicipality } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import type { BlobStore } from "../../storage/index.js";
import { storeUpload } from "../../uploads/store.js";
import { lockInstance, moveInstance } from "../review/service.js";
import { cleanFileName } from "./file-name.js";

export interface UploadOptions {
  instanceId: string;
  file: Readable;
  fileName: string | undefined;
  effectiveOn: string | undefined;
  isPublic: boolean;
  maxBytes: number;
  tempDir: string;
}

function checkMayUpload(state: Parameters<typeof transition>[0], user: AuthUser) {
  const result = transition(state, "add_evidence", user.role, { hasEvidence: true });
  if (!result.ok) {
    throw new AppError(result.reason === "forbidden" ? "forbidden" : "conflict", result.message);
  }
  return result.state;
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
  const [current] = await db
    .select()
    .from(toolInstances)
    .where(eq(toolInstances.id, options.instanceId));
  if (!current || !canSeeMunicipality(user, current.municipalityCvegeo)) {
    throw notFound("La herramienta no existe.");
  }
  checkMayUpload(current.state, user);

  return storeUpload(
    blobs,
    options.file,
    { maxBytes: options.maxBytes, tempDir: options.tempDir },
    (stored) =>
      db.transaction(async (tx) => {
        const instance = await lockInstance(tx, options.instanceId, user);
        const state = checkMayUpload(instance.state, user);
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
        if (state !== instance.state) {
          await moveInstance(tx, instance, state, now);
        }
        await recordAudit(tx, actor, {
          action: "evidence.uploaded",
          entityType: "evidence",
          entityId: row.id,
          municipality: instance.municipalityCvegeo,
          before: { state: instance.state },
          after: {
            toolInstance: instance.id,
            version: row.version,
            fileName: row.fileName,
            sha256: row.sha256,
            size: row.size,
            mime: row.mime,
            isPublic: row.isPublic,
            state,
          },
        });
        return row.id;
      }),
  );
}

/** An evidence file for download, if the user may see its municipality; audited. */
export async function openEvidence(
  db: Database,
  blobs: BlobStore,
  id: string,
  user: AuthUser,
  actor: Actor,
) {
  const [file] = await db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id));
  if (!file || !canSeeMunicipality(user, file.municipalityCvegeo)) {
    throw notFound("El documento no existe.");
  }
  const stream = (await blobs.get(file.blobKey)) as Readable;
  await recordAudit(db, actor, {
    action: "evidence.downloaded",
    entityType: "evidence",
    entityId: file.id,
    municipality: file.municipalityCvegeo,
    after: { fileName: file.fileName, isPublic: file.isPublic },
  });
  return { file, stream };
}
