import { ADMINISTRATION_PROBLEM_CODES } from "../domain/administrations.js";
import { AGREEMENT_TERM_PROBLEM_CODES } from "../domain/agreement-terms.js";
import { DIAGNOSTIC_ROUND_PROBLEM_CODES } from "../domain/diagnostic.js";
import { EXEMPTION_PROBLEM_CODES } from "../domain/exemptions.js";
import { EXTENSION_PROBLEM_CODES } from "../domain/extensions.js";
import { MIGRATION_PROBLEM_CODES } from "../domain/model-migration.js";
import { WORKBOOK_REFUSAL_CODES } from "../domain/xlsx-import.js";
import { component } from "./common.js";
import { z } from "./zod.js";

/** Stable error codes: clients branch on these, never on the message. */
export const ERROR_CODES = [
  "validation_error",
  "invalid_credentials",
  "unauthenticated",
  "forbidden",
  "csrf_failed",
  // A session whose password is temporary: it may only read itself, change it and sign out.
  "password_change_required",
  "not_found",
  "conflict",
  "rate_limited",
  "account_inactive",
  "password_policy",
  // A password-recovery link that does not exist, was used or expired.
  "reset_token_invalid",
  "model_invalid",
  "model_not_draft",
  // An answer in the initial diagnostic for a tool it shows rather than asks (validated, in
  // review, or the agreement tool).
  "diagnostic_tool_not_open",
  // Evidence publication (src/domain/publication.ts): a sent version cannot be deleted; only a
  // public document is withdrawn, once; the reviewer changes publication only while reviewing.
  "evidence_submitted",
  "evidence_not_public",
  "evidence_withdrawn",
  "evidence_not_in_review",
  "payload_too_large",
  "unsupported_media_type",
  // An uploaded file over its limit, or whose content is not an accepted type (the request itself
  // may be fine: payload_too_large and unsupported_media_type are about the request).
  "file_too_large",
  "unsupported_file_type",
  // A returned tool sent back to review before every observation is answered (and, with a
  // requerimiento, before a new document is uploaded); details name each missing thing.
  "resubmission_incomplete",
  // Review results that do not fit the tool in the participant's model version (criteria, level).
  "review_criteria_invalid",
  // The M1 survey (src/domain/survey.ts): a closed survey takes no answers; one answer per
  // browser; an answer that filled the honeypot field is refused.
  "survey_closed",
  "survey_already_answered",
  "survey_answer_refused",
  // API tokens: a bearer token that is unknown, expired, revoked or whose owner changed (401); a
  // read token on a request other than GET/HEAD (403); what only a browser session may do, such as
  // managing tokens or the password (403); one token more than the active-token limit (409).
  "invalid_token",
  "token_read_only",
  "session_required",
  "token_limit",
  // A guided document's draft saved from a revision someone else already replaced; `current`
  // carries the server's version so the person can keep theirs, take it, or merge by section.
  "draft_conflict",
  // An M2 capture spreadsheet refused whole (src/domain/indicator-sheet.ts): not a readable
  // .xlsx, a cell with a formula, a header row other than the template's, or too big (packed,
  // unpacked or in rows).
  "spreadsheet_unreadable",
  "spreadsheet_formula",
  "spreadsheet_columns",
  "spreadsheet_too_large",
  "consultation_closed",
  "consultation_comment_refused",
  // Extensions (src/domain/extensions.ts): a date not after the deadline in force, a second
  // pending request, a decided request, a validated tool, a tool without a deadline, no reason.
  ...EXTENSION_PROBLEM_CODES,
  // Exemptions (src/domain/exemptions.ts): no reason, already exempt, lifting one not in force.
  ...EXEMPTION_PROBLEM_CODES,
  // Agreement terms (src/domain/agreement-terms.ts): terminating or suspending without a reason,
  // dates out of order, a future date, a change the agreement's standing does not allow.
  ...AGREEMENT_TERM_PROBLEM_CODES,
  // Administrations (src/domain/administrations.ts): a term ending before it starts, an overlap.
  ...ADMINISTRATION_PROBLEM_CODES,
  // Diagnostic rounds (src/domain/diagnostic.ts): a new round before the current one is
  // submitted, or without a new administration recorded since.
  ...DIAGNOSTIC_ROUND_PROBLEM_CODES,
  // The XLSX import (decision 0025): a workbook refused whole (unreadable, too large, a zip bomb,
  // too many rows, formulas, wrong columns), and a file whose rows have problems, applied never.
  ...WORKBOOK_REFUSAL_CODES,
  "import_invalid",
  // Announcements (src/domain/announcements.ts): a draft with a problem (details per field); an
  // audience with no designated liaison to write to.
  "announcement_invalid",
  "announcement_no_recipients",
  // Moving participants to another model version (src/domain/model-migration.ts, decision 0030):
  // validated work or work in review that would be lost, the same or an older version, a draft,
  // a municipality without an agreement. Nothing moves.
  ...MIGRATION_PROBLEM_CODES,
  // Report cards in batch (src/domain/report-card-batch.ts): a cohort no agreement names; nobody
  // taking part to issue; another batch still running.
  "report_card_batch_unknown_cohort",
  "report_card_batch_empty",
  "report_card_batch_running",
  "internal_error",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBody = component("Error", {
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string().describe("Mensaje en español para mostrar a la persona usuaria."),
    details: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe("Para errores de validación: un mensaje por campo."),
    current: z
      .unknown()
      .optional()
      .describe("Para draft_conflict: la versión del borrador que guarda el servidor."),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
