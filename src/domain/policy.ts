import { isMunicipalRole, isStaffRole, type Role } from "./roles.js";

/**
 * Who may do what: the one place for MRTM's authorisation rules. Each `can…` function is pure and
 * answers for one feature's action; routes, services and the web call the same function, so a
 * button is shown exactly when the server would allow its action. Whether a resource exists for
 * someone (another municipality's answers 404) is `canSeeMunicipality`; the server applies it in
 * SQL through one helper (`src/server/lib/scope.ts`).
 */

/** What a policy needs to know of the person asking: the session user carries it. */
export interface Subject {
  role: Role;
  /** The municipality of a liaison or collaborator; null for staff. */
  municipality: { cvegeo: string } | null;
  /**
   * Whether this account is its municipality's current designated liaison (decision 0012).
   * A liaison account that is not (never designated, or handed over) acts as a collaborator.
   */
  designatedLiaison: boolean;
}

/**
 * The role a subject acts with. A liaison's powers follow the municipality's current designation:
 * an account with the liaison role that is not the designated liaison acts as a collaborator of
 * its municipality (it prepares drafts, it does not submit, answer the diagnostic or issue cards).
 */
export function actingRole(subject: Subject): Role {
  return subject.role === "liaison" && !subject.designatedLiaison ? "collaborator" : subject.role;
}

/** An account with the liaison role that no longer (or not yet) holds the designation. */
export function isUndesignatedLiaison(subject: Subject): boolean {
  return subject.role === "liaison" && !subject.designatedLiaison;
}

/** The institution's staff: admins and reviewers. */
export function isStaff(subject: Subject): boolean {
  return isStaffRole(subject.role);
}

export function isAdmin(subject: Subject): boolean {
  return subject.role === "admin";
}

/** A liaison or collaborator of exactly this municipality. */
export function belongsTo(subject: Subject, cvegeo: string): boolean {
  return isMunicipalRole(subject.role) && subject.municipality?.cvegeo === cvegeo;
}

/** The designated liaison of exactly this municipality. */
export function isLiaisonOf(subject: Subject, cvegeo: string): boolean {
  return actingRole(subject) === "liaison" && belongsTo(subject, cvegeo);
}

// --- Municipalities: what exists for whom ---------------------------------------------------

/**
 * Staff see every municipality; liaisons and collaborators only their own (designated or not).
 * What a subject may not see answers 404, never 403: whether it exists is not revealed.
 */
export function canSeeMunicipality(subject: Subject, cvegeo: string): boolean {
  return isStaff(subject) || belongsTo(subject, cvegeo);
}

/**
 * The municipality a subject's reads are limited to: null for staff (every municipality), the
 * own municipality for municipal users ("" for an account without one, which matches nothing).
 */
export function municipalityScopeOf(subject: Subject): string | null {
  return isStaff(subject) ? null : (subject.municipality?.cvegeo ?? "");
}

// --- Tools: evidence, submission, review ----------------------------------------------------

/** The municipality's team (liaison and collaborators) drafts its guided documents together. */
export function canDraftDocument(subject: Subject, cvegeo: string): boolean {
  return belongsTo(subject, cvegeo);
}

/** The municipality (liaison or collaborator) uploads and edits its tools' drafts. */
export function canEditEvidence(subject: Subject, cvegeo: string): boolean {
  return belongsTo(subject, cvegeo);
}

/** Only the municipality's designated liaison sends a tool to review. */
export function canSubmitTool(subject: Subject, cvegeo: string): boolean {
  return isLiaisonOf(subject, cvegeo);
}

/** The municipality (liaison or collaborator) answers the observations of a returned tool. */
export function canAnswerObservation(subject: Subject, cvegeo: string): boolean {
  return belongsTo(subject, cvegeo);
}

/**
 * The municipality (its liaison, designated or not, and collaborators) writes its E4 project cards
 * and its M4 improvement plan; staff only read them.
 */
export function canWritePlans(subject: Subject, cvegeo: string): boolean {
  return belongsTo(subject, cvegeo);
}

/**
 * M2 indicators: the municipality (its liaison, designated or not, and collaborators) drafts a
 * period's values, as it drafts evidence; staff only read them.
 */
export function canDraftIndicatorValues(subject: Subject, cvegeo: string): boolean {
  return belongsTo(subject, cvegeo);
}

/**
 * Only the designated liaison adopts the M2 battery with its targets (the M2 deliverable) and
 * submits a period's values, as only it submits a tool.
 */
export function canAdoptIndicators(subject: Subject, cvegeo: string): boolean {
  return isLiaisonOf(subject, cvegeo);
}

/** Only the designated liaison submits a period's indicator values. */
export function canSubmitIndicatorReport(subject: Subject, cvegeo: string): boolean {
  return isLiaisonOf(subject, cvegeo);
}

/** Reviewers and admins validate or return a tool, and read the review queue. */
export function canReview(subject: Subject): boolean {
  return isStaff(subject);
}

/** Only the designated liaison deletes a draft version (never sent to review). */
export function canDeleteDraft(subject: Subject, cvegeo: string): boolean {
  return isLiaisonOf(subject, cvegeo);
}

/** The designated liaison or staff withdraw a document from publication. */
export function canWithdrawDocument(subject: Subject, cvegeo: string): boolean {
  return isStaff(subject) || isLiaisonOf(subject, cvegeo);
}

// --- Extensions and exemptions ----------------------------------------------------------------

/** Only the municipality's designated liaison asks for an extension (prórroga) of a deadline. */
export function canRequestExtension(subject: Subject, cvegeo: string): boolean {
  return isLiaisonOf(subject, cvegeo);
}

/** Staff (reviewers and admins) approve or refuse extensions. */
export function canDecideExtension(subject: Subject): boolean {
  return isStaff(subject);
}

/** Staff (reviewers and admins) exempt a tool that does not apply to a municipality, and lift it. */
export function canExemptTool(subject: Subject): boolean {
  return isStaff(subject);
}

// --- Initial diagnostic -----------------------------------------------------------------------

/** The municipality (liaison or collaborator) fills in the diagnostic's draft. */
export function canEditDiagnostic(subject: Subject, cvegeo: string): boolean {
  return belongsTo(subject, cvegeo);
}

/** Only the designated liaison submits the diagnostic. */
export function canSubmitDiagnostic(subject: Subject, cvegeo: string): boolean {
  return isLiaisonOf(subject, cvegeo);
}

// --- Report cards -----------------------------------------------------------------------------

/** Staff issue any municipality's report card; of the municipality, only its designated liaison. */
export function canIssueReportCard(subject: Subject, cvegeo: string): boolean {
  return isStaff(subject) || isLiaisonOf(subject, cvegeo);
}

/**
 * Report cards in batch: staff, who may issue every municipality's card one by one (admins and
 * reviewers alike), issue them for every participant or a cohort at once and download the ZIP.
 */
export function canIssueReportCardBatch(subject: Subject): boolean {
  return isStaff(subject);
}

// --- Support actions and commitments ----------------------------------------------------------

/** Staff plan, edit, hold and cancel support actions and record their attendance and minutes. */
export function canManageSupportActions(subject: Subject): boolean {
  return isStaff(subject);
}

/**
 * Staff follow every commitment up; of the municipality that owns one, only its designated
 * liaison (who may only close it: `commitmentChangeProblem`).
 */
export function canFollowUpCommitment(subject: Subject, ownerCvegeo: string | null): boolean {
  return isStaff(subject) || (ownerCvegeo !== null && isLiaisonOf(subject, ownerCvegeo));
}

// --- Institution-wide ---------------------------------------------------------------------------

/**
 * Staff read the regional views: dashboard, gap matrix, exports, the list of agreements, support
 * suggestions and effectiveness.
 */
export function canReadRegional(subject: Subject): boolean {
  return isStaff(subject);
}

/**
 * Admins keep the instance: users, the model, the institution, agreements, liaison designations,
 * the audit log and the mail outbox.
 */
export function canAdminister(subject: Subject): boolean {
  return isAdmin(subject);
}

// --- Accounts that run themselves -------------------------------------------------------------

/**
 * The designated liaison invites the collaborators of its own municipality and deactivates them;
 * never another municipality's, never another liaison (admins keep every account).
 */
export function canManageCollaborators(subject: Subject, cvegeo: string): boolean {
  return isLiaisonOf(subject, cvegeo);
}

/** Reviewers keep a portfolio of municipalities («Mis municipios») and their own opt-in. */
export function canKeepPortfolio(subject: Subject): boolean {
  return subject.role === "reviewer";
}

/** Staff (reviewers and admins) write announcements to liaisons and see who has read them. */
export function canSendAnnouncements(subject: Subject): boolean {
  return isStaff(subject);
}

/** «Mi trabajo»: every signed-in person has a view of their own work. */
export function canSeeOwnWork(_subject: Subject): boolean {
  return true;
}
