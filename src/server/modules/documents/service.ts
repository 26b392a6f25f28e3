import { eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import {
  agreementChanges,
  agreements,
  type documentKindEnum,
  liaisonDesignations,
} from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { notFound } from "../../lib/errors.js";
import type { FileUpload } from "../../lib/http-files.js";
import { canSeeMunicipality } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import type { BlobStore } from "../../storage/index.js";
import { attachedVersion, downloadDocument, storeDocumentVersion } from "./versions.js";

/**
 * The documents this module attaches: the stored kinds but the minutes and the evidence of
 * improvement actions (support actions and improvement plans own those).
 */
export type DocumentKind = Exclude<
  (typeof documentKindEnum.enumValues)[number],
  "minutes" | "improvement_evidence"
>;

/** Where each kind of document hangs, and who it belongs to. */
async function findOwner(db: Executor, kind: DocumentKind, ownerId: string) {
  if (kind === "agreement") {
    const [row] = await db
      .select({ municipality: agreements.municipalityCvegeo, documentId: agreements.documentId })
      .from(agreements)
      .where(eq(agreements.id, ownerId));
    return row ?? null;
  }
  if (kind === "agreement_change") {
    const [row] = await db
      .select({
        municipality: agreementChanges.municipalityCvegeo,
        documentId: agreementChanges.documentId,
        agreementId: agreementChanges.agreementId,
      })
      .from(agreementChanges)
      .where(eq(agreementChanges.id, ownerId));
    return row ?? null;
  }
  const [row] = await db
    .select({
      municipality: liaisonDesignations.municipalityCvegeo,
      documentId: liaisonDesignations.letterDocumentId,
    })
    .from(liaisonDesignations)
    .where(eq(liaisonDesignations.id, ownerId));
  return row ?? null;
}

const NOT_FOUND: Record<DocumentKind, string> = {
  agreement: "El convenio no existe.",
  designation_letter: "La designación no existe.",
  agreement_change: "La renovación o ratificación del convenio no existe.",
};

/** Attaches a new version of the signed agreement or of a designation letter (admins). */
export async function attachDocument(
  db: Database,
  blobs: BlobStore,
  options: FileUpload & { kind: DocumentKind; ownerId: string },
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  const owner = await findOwner(db, options.kind, options.ownerId);
  if (!owner) {
    throw notFound(NOT_FOUND[options.kind]);
  }
  const target = { kind: options.kind, id: options.ownerId };
  await storeDocumentVersion(db, blobs, options, target, user, now, async (tx, insertVersion) => {
    const document = await insertVersion(owner.municipality);
    if (options.kind === "agreement") {
      await tx
        .update(agreements)
        .set({ documentId: document.id, updatedAt: now })
        .where(eq(agreements.id, options.ownerId));
    } else if (options.kind === "agreement_change") {
      await tx
        .update(agreementChanges)
        .set({ documentId: document.id })
        .where(eq(agreementChanges.id, options.ownerId));
      await recordAudit(tx, actor, {
        action: "agreement.change_document_attached",
        entityType: "agreement",
        entityId:
          "agreementId" in owner && typeof owner.agreementId === "string"
            ? owner.agreementId
            : options.ownerId,
        municipality: owner.municipality,
        before: { documentId: owner.documentId },
        after: { ...attachedVersion(document), changeId: options.ownerId },
      });
      return;
    } else {
      await tx
        .update(liaisonDesignations)
        .set({ letterDocumentId: document.id })
        .where(eq(liaisonDesignations.id, options.ownerId));
    }
    await recordAudit(tx, actor, {
      action:
        options.kind === "agreement" ? "agreement.document_attached" : "liaison.letter_attached",
      entityType: options.kind === "agreement" ? "agreement" : "liaison_designation",
      entityId: options.ownerId,
      municipality: owner.municipality,
      before: { documentId: owner.documentId },
      after: attachedVersion(document),
    });
  });
}

/** The current document of an owner, for download by staff or by the municipality itself. */
export async function openDocument(
  db: Database,
  blobs: BlobStore,
  kind: DocumentKind,
  ownerId: string,
  user: AuthUser,
  actor: Actor,
) {
  const owner = await findOwner(db, kind, ownerId);
  const visible = owner && canSeeMunicipality(user, owner.municipality) ? owner : null;
  return downloadDocument(
    db,
    blobs,
    visible?.documentId ?? null,
    "El documento no existe.",
    actor,
    (document) => ({
      municipality: document.municipalityCvegeo,
      after: { kind, fileName: document.fileName },
    }),
  );
}
