import { randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. Algorithm 2 is Argon2id (the package
// exports it as a const enum, which isolated modules cannot read).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/** Spends the time of a real check, so that a wrong e-mail answers as slowly as a wrong password. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword("mrtm-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
}

// No look-alikes (0/O, 1/l/I) so a password read off a screen can be typed.
const ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random password, 4 groups of 5 (about 117 bits), easy to read aloud and to type. */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = "";
    for (let i = 0; i < 5; i++) {
      group += ALPHABET[randomInt(ALPHABET.length)];
    }
    groups.push(group);
  }
  return groups.join("-");
}
