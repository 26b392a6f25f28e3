/**
 * The report card's (cédula de avance) verification: the card's content is serialized canonically
 * (keys sorted, no spaces), hashed with SHA-256 by the server, and the first 64 bits of the hash,
 * written as four groups of four hexadecimal digits, are the code printed on the card. The public
 * verification page looks the code up and shows what the card said.
 */

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === "object") {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .filter((key) => source[key] !== undefined)
        .sort()
        .map((key) => [key, sortKeys(source[key])]),
    );
  }
  return value;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** The printed code of a SHA-256 (hex): its first 16 hex digits, upper case, "3F9A-12BC-77D0-E145". */
export function verificationCode(sha256Hex: string): string {
  const hex = sha256Hex.toLowerCase();
  if (!HEX64.test(hex)) {
    throw new RangeError("Not a SHA-256 in hexadecimal");
  }
  return (hex.slice(0, 16).toUpperCase().match(/.{4}/g) as string[]).join("-");
}

/**
 * A code as a person may type it (lower case, spaces or no dashes) in its printed form, or null
 * when it cannot be one.
 */
export function normalizeCode(input: string): string | null {
  const compact = input.replace(/[\s-]/g, "").toUpperCase();
  if (!/^[0-9A-F]{16}$/.test(compact)) {
    return null;
  }
  return (compact.match(/.{4}/g) as string[]).join("-");
}
