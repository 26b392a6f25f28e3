/**
 * API tokens: credentials an integration sends as `Authorization: Bearer <token>` to act as the
 * person who created them, with that person's role and municipality. The words and limits live
 * here once; the contracts, the server and the «Mi cuenta» screen read them from here.
 */
import { labelledCodes } from "./codes.js";

/** What a token may do: `read` only GET/HEAD requests; `write` everything its owner may. */
export const [API_TOKEN_SCOPES, API_TOKEN_SCOPE_LABELS] = labelledCodes({
  read: "Solo lectura",
  write: "Lectura y escritura",
});
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** A token is `mrtm_` followed by 32 random bytes in base64url: recognisable in a leaked file. */
export const API_TOKEN_PREFIX = "mrtm_";
export const API_TOKEN_PATTERN = /^mrtm_[A-Za-z0-9_-]{43}$/;

export const API_TOKEN_NAME_MAX_LENGTH = 80;
/** A token lives at most a year; the owner creates a new one to go on. */
export const API_TOKEN_MAX_DAYS = 365;
export const API_TOKEN_DEFAULT_DAYS = 90;
/** Active (neither expired nor revoked) tokens one person may hold at once. */
export const API_TOKEN_MAX_ACTIVE = 10;
/** The expiry choices the «Mi cuenta» screen offers (any whole number up to the maximum is valid). */
export const API_TOKEN_DAY_CHOICES = [7, 30, 90, 180, 365] as const;

/** Methods a read token may use. */
const READ_METHODS = new Set(["GET", "HEAD"]);

/** Whether a token of this scope may make a request with this HTTP method. */
export function scopeAllows(scope: ApiTokenScope, method: string): boolean {
  return scope === "write" || READ_METHODS.has(method.toUpperCase());
}

/** Why a token stopped working before its expiry. */
export const [API_TOKEN_REVOCATION_REASONS, API_TOKEN_REVOCATION_LABELS] = labelledCodes({
  owner: "Revocado por su titular",
  account_changed: "La cuenta cambió de rol o de municipio, o se desactivó",
  password_reset: "Un administrador restableció la contraseña",
});
export type ApiTokenRevocationReason = (typeof API_TOKEN_REVOCATION_REASONS)[number];

export const [API_TOKEN_STATUSES, API_TOKEN_STATUS_LABELS] = labelledCodes({
  active: "Activo",
  expired: "Vencido",
  revoked: "Revocado",
});
export type ApiTokenStatus = (typeof API_TOKEN_STATUSES)[number];

/** A token's state at a moment: revoked wins over expired. */
export function apiTokenStatus(
  token: { expiresAt: Date; revokedAt: Date | null },
  now: Date,
): ApiTokenStatus {
  if (token.revokedAt) {
    return "revoked";
  }
  return token.expiresAt.getTime() > now.getTime() ? "active" : "expired";
}

/** When a token created at `now` for `days` days expires. */
export function apiTokenExpiry(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

/** A Spanish message when one more token would pass the limit of active tokens, else null. */
export function apiTokenLimitProblem(active: number): string | null {
  return active >= API_TOKEN_MAX_ACTIVE
    ? `Ya tiene ${API_TOKEN_MAX_ACTIVE} tokens activos, el máximo: revoque alguno antes de crear otro.`
    : null;
}

/** How a token is shown after its creation: the prefix and its last four characters only. */
export function apiTokenHint(token: string): string {
  return `${API_TOKEN_PREFIX}…${token.slice(-4)}`;
}
