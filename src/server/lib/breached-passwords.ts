import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { breachKey, type PasswordContext, passwordProblem } from "../../domain/password.js";
import { PACKAGE_ROOT } from "../config.js";

/** The breached-password list shipped in the repo (see assets/passwords/README.md). */
export const BREACHED_PASSWORDS_FILE = path.join(
  PACKAGE_ROOT,
  "assets/passwords/common-passwords.txt.gz",
);

let loaded: ReadonlySet<string> | null = null;

/** Reads the gzipped list, one password per line, into a set of `breachKey` forms. */
export function readBreachedPasswords(file: string = BREACHED_PASSWORDS_FILE): Set<string> {
  const text = gunzipSync(readFileSync(file)).toString("utf8");
  const set = new Set<string>();
  for (const line of text.split("\n")) {
    const key = breachKey(line);
    if (key !== "") {
      set.add(key);
    }
  }
  return set;
}

/** The list, read once per process (at start: buildApp calls this) and kept in memory. */
export function breachedPasswords(): ReadonlySet<string> {
  loaded ??= readBreachedPasswords();
  return loaded;
}

/** The full password policy, breached list included: use it wherever a password is set. */
export function serverPasswordProblem(
  password: string,
  context: Omit<PasswordContext, "breached"> = {},
): string | null {
  return passwordProblem(password, { ...context, breached: breachedPasswords() });
}
