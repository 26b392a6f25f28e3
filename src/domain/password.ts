export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const BREACHED_PASSWORD_MESSAGE =
  "Esta contraseña aparece en listas de contraseñas filtradas; elija otra.";

/** The form in which passwords are compared with a breached list: trimmed, lowercase. */
export function breachKey(password: string): string {
  return password.trim().toLowerCase();
}

export interface PasswordContext {
  email?: string;
  name?: string;
  /** Known breached passwords, each in `breachKey` form (a set, or any list that answers `has`). */
  breached?: { has(key: string): boolean };
}

/** The password policy. Returns a Spanish message for the first rule broken, or null. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `La contraseña debe tener al menos ${PASSWORD_MIN_LENGTH} caracteres.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `La contraseña no puede tener más de ${PASSWORD_MAX_LENGTH} caracteres.`;
  }
  if (new Set(password).size < 5) {
    return "La contraseña repite demasiado los mismos caracteres.";
  }
  if (context.breached?.has(breachKey(password))) {
    return BREACHED_PASSWORD_MESSAGE;
  }
  const lower = password.toLowerCase();
  const localPart = context.email?.toLowerCase().split("@")[0] ?? "";
  // Short local parts ("ana") would forbid too many passwords; long ones are a real giveaway.
  if (localPart.length >= 4 && lower.includes(localPart)) {
    return "La contraseña no debe contener el correo electrónico.";
  }
  return null;
}
