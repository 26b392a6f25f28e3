import type { ErrorCode } from "../../contracts/errors.js";

const STATUS: Record<ErrorCode, number> = {
  validation_error: 400,
  password_policy: 400,
  reset_token_invalid: 400,
  model_invalid: 400,
  invalid_credentials: 401,
  unauthenticated: 401,
  account_inactive: 401,
  forbidden: 403,
  csrf_failed: 403,
  password_change_required: 403,
  not_found: 404,
  conflict: 409,
  model_not_draft: 409,
  diagnostic_tool_not_open: 409,
  evidence_submitted: 409,
  evidence_not_public: 409,
  evidence_withdrawn: 409,
  evidence_not_in_review: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  file_too_large: 413,
  unsupported_file_type: 415,
  resubmission_incomplete: 409,
  review_criteria_invalid: 422,
  survey_closed: 409,
  survey_already_answered: 409,
  survey_answer_refused: 400,
  invalid_token: 401,
  token_read_only: 403,
  session_required: 403,
  token_limit: 409,
  draft_conflict: 409,
  spreadsheet_unreadable: 400,
  spreadsheet_formula: 400,
  spreadsheet_columns: 400,
  spreadsheet_too_large: 413,
  consultation_closed: 409,
  consultation_comment_refused: 400,
  extension_date_not_after_deadline: 422,
  extension_already_pending: 409,
  extension_already_decided: 409,
  extension_tool_validated: 409,
  extension_without_deadline: 409,
  extension_reason_required: 400,
  exemption_reason_required: 400,
  exemption_already_active: 409,
  exemption_not_active: 409,
  termination_reason_required: 400,
  suspension_reason_required: 400,
  agreement_dates_out_of_order: 400,
  agreement_change_in_future: 400,
  agreement_change_not_allowed: 409,
  administration_dates_out_of_order: 400,
  administration_overlaps: 409,
  diagnostic_round_not_submitted: 409,
  diagnostic_round_same_administration: 409,
  xlsx_unreadable: 422,
  xlsx_too_large: 413,
  xlsx_zip_bomb: 422,
  xlsx_too_many_rows: 422,
  xlsx_formula: 422,
  xlsx_columns: 422,
  import_invalid: 422,
  announcement_invalid: 422,
  announcement_no_recipients: 422,
  migration_loses_validated_work: 409,
  migration_work_in_review: 409,
  migration_same_version: 409,
  migration_older_version: 422,
  migration_version_not_published: 409,
  migration_not_participant: 422,
  report_card_batch_unknown_cohort: 422,
  report_card_batch_empty: 422,
  report_card_batch_running: 409,
  rate_limited: 429,
  internal_error: 500,
};

/** An error meant for the client: a stable code, a Spanish message, the HTTP status it maps to. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { field: string; message: string }[],
    readonly headers?: Record<string, string>,
    /** What the client needs to resolve a conflict (the server's version of a draft). */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export const notFound = (message = "No se encontró el recurso solicitado.") =>
  new AppError("not_found", message);
export const forbidden = (message = "No tiene permiso para realizar esta acción.") =>
  new AppError("forbidden", message);
export const conflict = (message: string) => new AppError("conflict", message);

/** Throws a conflict (409) when a domain rule found a problem (its message), else does nothing. */
export function rejectConflict(problem: string | null): void {
  if (problem) {
    throw conflict(problem);
  }
}
export const invalid = (field: string, message: string) =>
  new AppError("validation_error", `El campo «${field}» no es válido: ${message}`, [
    { field, message },
  ]);

/** Postgres' unique_violation, recognised by code rather than by the text of the message. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = findPgError(error);
  return cause?.code === "23505" && (constraint === undefined || cause.constraint === constraint);
}

function findPgError(error: unknown): { code?: string; constraint?: string } | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: string; cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return { code: candidate.code, constraint: candidate.constraint };
    }
    current = candidate.cause;
  }
  return null;
}
