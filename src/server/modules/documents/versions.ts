/**
 * The steps every document shares, whatever it belongs to (an agreement, a designation, the
 * minutes of a support action): recording an upload as a new version, and streaming a version
 * back with its download audited. The owner's own row, and the audit event of attaching, stay
 * with the service that owns it.
 */
import type { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { documents } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { notFound } from "../../lib/errors.js";
import type { FileUpload } from "../../lib/http-files.js";
import { returnedRow } from "../../lib/rows.js";
import type { AuthUser } from "../../plugins/auth.js";
import type { BlobStore } from "../../storage/index.js";
import { storeUpload } from "../../uploads/store.js";
import { cleanFileName } from "../evidence/file-name.js";

type DocumentRow = typeof documents.$inferSelect;

/**
 * Stores an upload through the one upload path and records it as a new version of a document. In
 * one transaction, `record` loads what it needs, calls `insertVersion` with the municipality the
 * document belongs to, points the owner at the new row and writes the audit event; if it fails,
 * the blob is deleted.
 */
export function storeDocumentVersion(
  db: Database,
  blobs: BlobStore,
  upload: FileUpload,
  owner: { kind: DocumentRow["kind"]; id: string },
  user: AuthUser,
  now: Date,
  record: (
    tx: Executor,
    insertVersion: (municipality: string | null) => Promise<DocumentRow>,
  ) => Promise<void>,
): Promise<void> {
  return storeUpload(
    blobs,
    upload.file,
    { maxBytes: upload.maxBytes, tempDir: upload.tempDir },
    (stored) =>
      db.transaction((tx) =>
        record(tx, async (municipality) =>
          returnedRow(
            await tx
              .insert(documents)
              .values({
                kind: owner.kind,
                ownerId: owner.id,
                municipalityCvegeo: municipality,
                blobKey: stored.key,
                sha256: stored.sha256,
                size: stored.size,
                mime: stored.mime,
                fileName: cleanFileName(upload.fileName, stored.ext),
                uploadedBy: user.id,
                uploadedAt: now,
              })
              .returning(),
          ),
        ),
      ),
  );
}

/** What the audit trail keeps of a newly attached version. */
export function attachedVersion(document: DocumentRow) {
  return {
    documentId: document.id,
    fileName: document.fileName,
    sha256: document.sha256,
    size: document.size,
  };
}

/**
 * Opens a document's file and audits the download (`document.downloaded`). A missing id or row is
 * a 404 with `missing`; `audit` says which municipality the event belongs to and what it notes.
 */
export async function downloadDocument(
  db: Executor,
  blobs: BlobStore,
  documentId: string | null,
  missing: string,
  actor: Actor,
  audit: (document: DocumentRow) => { municipality: string | null; after: unknown },
): Promise<{ document: DocumentRow; stream: Readable }> {
  if (!documentId) {
    throw notFound(missing);
  }
  const [document] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!document) {
    throw notFound(missing);
  }
  const stream = (await blobs.get(document.blobKey)) as Readable;
  await recordAudit(db, actor, {
    action: "document.downloaded",
    entityType: "document",
    entityId: document.id,
    ...audit(document),
  });
  return { document, stream };
}
