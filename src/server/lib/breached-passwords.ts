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

/**
 * The list in `breachKey` form, sorted, held as one string and the offsets of its entries, and
 * searched by bisection. A `Set` of the same 49,000 entries kept ~2.8 MB of the idle server's heap
 * (a string and a hash-table slot each) for a lookup made only when a password is set; this form
 * keeps under 1 MB (issue 18, decision 0037).
 */
export class BreachedPasswords implements Iterable<string> {
  readonly size: number;
  readonly #text: string;
  /** Where each entry starts in `#text`, and one past the last entry's end. */
  readonly #starts: Uint32Array;

  constructor(entries: Iterable<string>) {
    const sorted = [...new Set(entries)].sort();
    this.size = sorted.length;
    this.#text = sorted.join("");
    this.#starts = new Uint32Array(sorted.length + 1);
    let offset = 0;
    sorted.forEach((entry, index) => {
      this.#starts[index] = offset;
      offset += entry.length;
    });
    this.#starts[sorted.length] = offset;
  }

  #entry(index: number): string {
    return this.#text.slice(this.#starts[index], this.#starts[index + 1]);
  }

  has(key: string): boolean {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const entry = this.#entry(middle);
      if (entry === key) {
        return true;
      }
      if (entry < key) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return false;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let index = 0; index < this.size; index++) {
      yield this.#entry(index);
    }
  }
}

let loaded: BreachedPasswords | null = null;

/** Reads the gzipped list, one password per line, in `breachKey` form. */
export function readBreachedPasswords(file: string = BREACHED_PASSWORDS_FILE): BreachedPasswords {
  const keys = gunzipSync(readFileSync(file))
    .toString("utf8")
    .split("\n")
    .map(breachKey)
    .filter((key) => key !== "");
  return new BreachedPasswords(keys);
}

/** The list, read once per process (by the warm-up after start, or at first use) and kept. */
export function breachedPasswords(): BreachedPasswords {
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
