/**
 * When an evidence version (a document) is public, and who may change that. The public portal,
 * the open data and the public API show a document only when `isPublished` says so; the tool page
 * shows every version with its `publicationState`.
 *
 * A version belongs to the submission it was first sent with. A resubmission carries every earlier
 * version along with the new ones (the reviewer sees the whole file), but it does not publish
 * them: a version sent in a submission that was returned (say, because it showed personal data)
 * is never published, even when a later submission is validated. To publish that document, the
 * municipality uploads it again with the corrected submission.
 */
import { labelledCodes } from "./codes.js";
import { REVIEW_OUTCOMES, type ReviewOutcome } from "./review.js";
import { type Role, STAFF_ROLES } from "./roles.js";
import type { ToolState } from "./tool-state.js";

/** What happened to the submission a version was first sent with; `none` for a draft. */
export const SENT_WITH = ["none", "in_review", ...REVIEW_OUTCOMES] as const;
export type SentWith = (typeof SENT_WITH)[number];

export const [PUBLICATION_STATES, PUBLICATION_LABELS] = labelledCodes({
  published: "Público",
  to_publish: "Público al validarse",
  returned: "No público: entrega devuelta",
  private: "No público",
  withdrawn: "Retirado de publicación",
});
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** What the publication of one version depends on. */
export interface VersionPublication {
  /** Marked public by the municipality (or by the reviewer while reviewing). */
  isPublic: boolean;
  withdrawn: boolean;
  sentWith: SentWith;
}

export function publicationState(version: VersionPublication): PublicationState {
  if (version.withdrawn) {
    return "withdrawn";
  }
  if (!version.isPublic) {
    return "private";
  }
  switch (version.sentWith) {
    case "validated":
      return "published";
    case "changes_requested":
      return "returned";
    case "none":
    case "in_review":
      return "to_publish";
  }
}

/**
 * The one rule of publication: marked public, first sent with a submission a reviewer validated,
 * and not withdrawn.
 */
export function isPublished(version: VersionPublication): boolean {
  return publicationState(version) === "published";
}

/** A submission as far as publication cares: what it carried and how it was decided, if yet. */
export interface SubmittedVersions {
  evidenceIds: readonly string[];
  decision: ReviewOutcome | null;
}

/** Where a version was first sent, given the instance's submissions oldest first. */
export function sentWithOf(versionId: string, submissions: readonly SubmittedVersions[]): SentWith {
  const first = submissions.find((submission) => submission.evidenceIds.includes(versionId));
  if (!first) {
    return "none";
  }
  return first.decision ?? "in_review";
}

/** A refusal: `forbidden` for the wrong role, otherwise the rule that says no (a stable code). */
export type PublicationRefusal = {
  ok: false;
  code:
    | "forbidden"
    | "evidence_submitted"
    | "evidence_not_public"
    | "evidence_withdrawn"
    | "evidence_not_in_review";
  message: string;
};
export type PublicationDecision = { ok: true } | PublicationRefusal;

const ALLOWED: PublicationDecision = { ok: true };

function refuse(code: PublicationRefusal["code"], message: string): PublicationRefusal {
  return { ok: false, code, message };
}

const STAFF: readonly Role[] = STAFF_ROLES;

/**
 * Only the liaison deletes a version, and only a draft (never sent to review): a sent version is
 * part of the record the reviewer decided on.
 */
export function canDeleteEvidence(role: Role, sentWith: SentWith): PublicationDecision {
  if (role !== "liaison") {
    return refuse("forbidden", "Solo el enlace del municipio elimina borradores.");
  }
  if (sentWith !== "none") {
    return refuse(
      "evidence_submitted",
      "Este documento ya se envió a revisión: forma parte del expediente y no se puede eliminar. Si no debe publicarse, retírelo de publicación.",
    );
  }
  return ALLOWED;
}

/**
 * The liaison and the institution's staff withdraw a document that is public or about to be
 * (a collaborator prepares drafts, but does not decide what the municipality publishes).
 */
export function canWithdraw(role: Role, state: PublicationState): PublicationDecision {
  if (role !== "liaison" && !STAFF.includes(role)) {
    return refuse(
      "forbidden",
      "Solo el enlace del municipio o el personal del órgano garante retiran un documento de publicación.",
    );
  }
  if (state === "withdrawn") {
    return refuse("evidence_withdrawn", "Este documento ya fue retirado de publicación.");
  }
  if (state !== "published" && state !== "to_publish") {
    return refuse("evidence_not_public", "Este documento no es público: no hay nada que retirar.");
  }
  return ALLOWED;
}

/**
 * While reviewing, the reviewer decides which of the files sent with the submission under review
 * will be public once validated (before deciding; a decided submission is the record).
 */
export function canSetPublic(
  role: Role,
  instanceState: ToolState,
  version: Pick<VersionPublication, "withdrawn" | "sentWith">,
): PublicationDecision {
  if (!STAFF.includes(role)) {
    return refuse(
      "forbidden",
      "Solo el personal revisor cambia la publicación de un documento mientras revisa.",
    );
  }
  if (instanceState !== "submitted" || version.sentWith !== "in_review") {
    return refuse(
      "evidence_not_in_review",
      "Solo se cambia la publicación de un documento del envío en revisión, antes de decidir.",
    );
  }
  if (version.withdrawn) {
    return refuse(
      "evidence_withdrawn",
      "Este documento fue retirado de publicación y ya no puede publicarse.",
    );
  }
  return ALLOWED;
}

export const WITHDRAWAL_REASON_MAX = 1000;

/** The reason of a withdrawal: required, in words; a Spanish message when it is not acceptable. */
export function withdrawalReasonProblem(reason: string): string | null {
  const text = reason.trim();
  if (text.length === 0) {
    return "Escriba el motivo por el que retira el documento de publicación.";
  }
  if (text.length < 5) {
    return "Explique el motivo con al menos 5 caracteres.";
  }
  if (text.length > WITHDRAWAL_REASON_MAX) {
    return `El motivo no puede pasar de ${WITHDRAWAL_REASON_MAX} caracteres.`;
  }
  return null;
}

/**
 * The instance's state once a draft is deleted: with no document left, a tool that was never sent
 * is pending again; any other state stays (a returned tool keeps its observations).
 */
export function stateAfterDraftDeleted(state: ToolState, remainingVersions: number): ToolState {
  return state === "in_progress" && remainingVersions === 0 ? "pending" : state;
}
