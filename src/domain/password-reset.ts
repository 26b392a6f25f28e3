/**
 * Password recovery by e-mail («¿Olvidaste tu contraseña?»): a link with a single-use token, valid
 * for a short time. Asking for it always gets the same answer, whether or not the address belongs
 * to an active account, so the form cannot be used to find out who has one.
 */
import { labelledCodes } from "./codes.js";

/** How long a recovery link works after it is sent. */
export const RESET_TOKEN_MINUTES = 30;

/** Links sent to one account within `RESET_ACCOUNT_WINDOW_MINUTES`; more requests send nothing. */
export const RESET_MAX_PER_ACCOUNT = 3;
export const RESET_ACCOUNT_WINDOW_MINUTES = 60;

/** Requests (recovery and new password) per client address within `RESET_ADDRESS_WINDOW_MINUTES`. */
export const RESET_MAX_PER_ADDRESS = 10;
export const RESET_ADDRESS_WINDOW_MINUTES = 15;

/** The web app's page that the link opens: `/restablecer?token=…`. */
export const RESET_PAGE_PATH = "/restablecer";

/** The one answer to every recovery request. */
export const RESET_REQUESTED_MESSAGE =
  "Si la dirección corresponde a una cuenta activa, enviamos un correo con un enlace para elegir una nueva contraseña. El enlace vale 30 minutos y sirve una sola vez.";

export const RESET_TOKEN_INVALID_MESSAGE =
  "El enlace para restablecer la contraseña no es válido, ya se usó o caducó. Solicite uno nuevo.";

/** When a link sent at `now` stops working. */
export function resetTokenExpiresAt(now: Date): Date {
  return new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000);
}

/** A link works if it was never used and has not expired. */
export function resetTokenUsable(
  token: { expiresAt: Date; usedAt: Date | null },
  now: Date,
): boolean {
  return token.usedAt === null && now.getTime() < token.expiresAt.getTime();
}

/** Whether one more link may be sent to an account that was sent `sentInWindow` in the window. */
export function mayResendReset(sentInWindow: number): boolean {
  return sentInWindow < RESET_MAX_PER_ACCOUNT;
}

/** The start of the per-account window at `now`. */
export function resetAccountWindowStart(now: Date): Date {
  return new Date(now.getTime() - RESET_ACCOUNT_WINDOW_MINUTES * 60_000);
}

/** Why a request sent nothing (recorded in the audit trail, never told to the requester). */
export const [RESET_REQUEST_OUTCOMES, RESET_REQUEST_OUTCOME_LABELS] = labelledCodes({
  sent: "Enlace enviado",
  unknown_email: "Correo sin cuenta: no se envió nada",
  inactive: "Cuenta desactivada: no se envió nada",
  limited: "Demasiadas solicitudes para la cuenta: no se envió nada",
});
export type ResetRequestOutcome = (typeof RESET_REQUEST_OUTCOMES)[number];

// --- Welcome links («Crear contraseña») -------------------------------------------------------

/**
 * A new account (created by an admin, or invited by its municipality's liaison) gets an e-mail
 * with a single-use link to set its own password: the same token as a recovery link, with a
 * longer life, opening the same form worded «Crear contraseña».
 */
export const WELCOME_TOKEN_DAYS = 7;

/** The web app's page that a welcome link opens: `/crear-contrasena?token=…`. */
export const WELCOME_PAGE_PATH = "/crear-contrasena";

/** What an account link is for: recovering a forgotten password or setting the first one. */
export const ACCOUNT_LINK_PURPOSES = ["reset", "welcome"] as const;
export type AccountLinkPurpose = (typeof ACCOUNT_LINK_PURPOSES)[number];

/** When a link of `purpose` sent at `now` stops working. */
export function accountLinkExpiresAt(purpose: AccountLinkPurpose, now: Date): Date {
  return purpose === "welcome"
    ? new Date(now.getTime() + WELCOME_TOKEN_DAYS * 86_400_000)
    : resetTokenExpiresAt(now);
}

/** The page a link of `purpose` opens. */
export function accountLinkPath(purpose: AccountLinkPurpose): string {
  return purpose === "welcome" ? WELCOME_PAGE_PATH : RESET_PAGE_PATH;
}
