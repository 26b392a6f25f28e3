/** The minutes (acta) of a held action: its text, and its signed file in versions. */
import { eq } from "drizzle-orm";
import type { MinutesRequest } from "../../../contracts/support.js";
import { heldOnlyProblem } from "../../../domain/support-actions.js";
import type { Database } from "../../db/client.js";
import { supportActions } from "../../db/schema/index.js";
import type { Actor } from "../../lib/audit.js";
import { rejectConflict } from "../../lib/errors.js";
import type { FileUpload } from "../../lib/http-files.js";
import type { AuthUser } from "../../plugins/auth.js";
import type { BlobStore } from "../../storage/index.js";
import { attachedVersion, downloadDocument, storeDocumentVersion } from "../documents/versions.js";
import { auditAction, auditMunicipality } from "./action-audit.js";
import { lockForChange, requireStaff } from "./checks.js";
import { getVisibleAction } from "./queries.js";
import { relationsOf } from "./relations.js";

/** Staff write (or correct) the minutes of a held action. */
export async function saveMinutes(
  db: Database,
  id: string,
  input: MinutesRequest,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const action = await lockForChange(tx, id, user, input.expectedRevision);
    rejectConflict(heldOnlyProblem(action.status, "El acta"));
    const minutes = input.minutes === "" ? null : input.minutes;
    if (minutes === action.minutes) {
      return;
    }
    await tx
      .update(supportActions)
      .set({ minutes, revision: action.revision + 1, updatedAt: now })
      .where(eq(supportActions.id, id));
    const { invited } = await relationsOf(tx, id);
    await auditAction(tx, actor, id, invited, {
      action: "support_action.minutes_saved",
      before: { minutes: action.minutes },
      after: { minutes, revision: action.revision + 1 },
    });
  });
}

/** Staff attach the minutes' file (signed minutes) through the one upload path; a new version each time. */
export async function attachMinutesFile(
  db: Database,
  blobs: BlobStore,
  options: FileUpload & { id: string },
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  requireStaff(user);
  const found = await getVisibleAction(db, options.id, user);
  rejectConflict(heldOnlyProblem(found.status, "El acta"));
  const target = { kind: "minutes", id: options.id } as const;
  await storeDocumentVersion(db, blobs, options, target, user, now, async (tx, insertVersion) => {
    const action = await getVisibleAction(tx, options.id, user, true);
    const { invited } = await relationsOf(tx, options.id);
    const document = await insertVersion(auditMunicipality(invited));
    await tx
      .update(supportActions)
      .set({ minutesDocumentId: document.id, revision: action.revision + 1, updatedAt: now })
      .where(eq(supportActions.id, options.id));
    await auditAction(tx, actor, options.id, invited, {
      action: "support_action.minutes_attached",
      before: { documentId: action.minutesDocumentId },
      after: attachedVersion(document),
    });
  });
}

/** The minutes' file, for anyone who may see the action; downloads are audited. */
export async function openMinutesFile(
  db: Database,
  blobs: BlobStore,
  id: string,
  user: AuthUser,
  actor: Actor,
) {
  const action = await getVisibleAction(db, id, user);
  return downloadDocument(
    db,
    blobs,
    action.minutesDocumentId,
    "El acta no tiene archivo adjunto.",
    actor,
    (document) => ({
      municipality: user.municipality?.cvegeo ?? document.municipalityCvegeo,
      after: { kind: "minutes", fileName: document.fileName, actionId: id },
    }),
  );
}
