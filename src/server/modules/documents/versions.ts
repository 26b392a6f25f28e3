/**
 * The steps every document shares, whatever it belongs to (an agreement, a designation, the
 * minutes of a support action): recording an upload as a new version, and streaming a version
 * back with its download audited. The owner's own row, and the audit event of attaching, stay
 * with the service that owns it.
 */
import type { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { documents } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { notFound } from "../../lib/errors.js";
import { insertedRow } from "../../lib/rows.js";
import type { AuthUser } from "../../plugins/auth.js";
import type { BlobStore } from "../../storage/index.js";
import type { StoredUpload } from "../../uploads/store.js";
import { cleanFileName } from "../evidence/file-name.js";

type DocumentRow = typeof documents.$inferSelect;

/** Inserts a stored upload as a new version of a document; call it in the transaction that audits it. */
export async function insertDocumentVersion(
  tx: Executor,
  stored: StoredUpload,
  target: {
    kind: DocumentRow["kind"];
    ownerId: string;
    municipality: string | null;
    fileName: string | undefined;
  },
  user: AuthUser,
  now: Date,
): Promise<DocumentRow> {
  return insertedRow(
    await tx
      .insert(documents)
      .values({
        kind: target.kind,
        ownerId: target.ownerId,
        municipalityCvegeo: target.municipality,
        blobKey: stored.key,
        sha256: stored.sha256,
        size: stored.size,
        mime: stored.mime,
        fileName: cleanFileName(target.fileName, stored.ext),
        uploadedBy: user.id,
        uploadedAt: now,
      })
      .returning(),
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
