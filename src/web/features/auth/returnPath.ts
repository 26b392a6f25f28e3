export const SIGN_IN_PATH = "/iniciar-sesion";
export const CHANGE_PASSWORD_PATH = "/cuenta/contrasena";
/** «Mi trabajo»: where everyone lands after signing in, unless they were going somewhere. */
export const LANDING_PATH = "/mi-trabajo";
const RETURN_PARAM = "volver";

/** `/iniciar-sesion?volver=/usuarios`: the sign-in page, remembering where the person was going. */
export function signInPath(returnTo: string): string {
  return returnTo && returnTo !== "/"
    ? `${SIGN_IN_PATH}?${RETURN_PARAM}=${encodeURIComponent(returnTo)}`
    : SIGN_IN_PATH;
}

/**
 * The path to go back to after signing in: only paths of this site, never another origin; «Mi
 * trabajo» when none was given (or only the front page).
 */
export function readReturnPath(search: URLSearchParams): string {
  const value = search.get(RETURN_PARAM);
  if (
    !value?.startsWith("/") ||
    value.startsWith("//") ||
    value.startsWith("/\\") ||
    value === "/"
  ) {
    return LANDING_PATH;
  }
  return value;
}
