import { describe, expect, it } from "vitest";
import {
  accountLinkExpiresAt,
  accountLinkPath,
  mayResendReset,
  RESET_MAX_PER_ACCOUNT,
  RESET_TOKEN_MINUTES,
  resetAccountWindowStart,
  resetTokenExpiresAt,
  resetTokenUsable,
} from "./password-reset.js";

const now = new Date("2026-03-10T16:00:00Z");

describe("password reset rules", () => {
  it("a link lasts 30 minutes", () => {
    expect(RESET_TOKEN_MINUTES).toBe(30);
    expect(resetTokenExpiresAt(now).toISOString()).toBe("2026-03-10T16:30:00.000Z");
  });

  it("a link works until it expires, and only once", () => {
    const expiresAt = resetTokenExpiresAt(now);
    expect(resetTokenUsable({ expiresAt, usedAt: null }, now)).toBe(true);
    expect(resetTokenUsable({ expiresAt, usedAt: null }, new Date(expiresAt.getTime() - 1))).toBe(
      true,
    );
    expect(resetTokenUsable({ expiresAt, usedAt: null }, expiresAt)).toBe(false);
    expect(resetTokenUsable({ expiresAt, usedAt: now }, now)).toBe(false);
  });

  it("an account gets a limited number of links per window", () => {
    expect(mayResendReset(0)).toBe(true);
    expect(mayResendReset(RESET_MAX_PER_ACCOUNT - 1)).toBe(true);
    expect(mayResendReset(RESET_MAX_PER_ACCOUNT)).toBe(false);
    expect(resetAccountWindowStart(now).toISOString()).toBe("2026-03-10T15:00:00.000Z");
  });
});

describe("welcome links", () => {
  it("last seven days and open «Crear contraseña»; recovery links keep their 30 minutes", () => {
    expect(accountLinkExpiresAt("welcome", now).toISOString()).toBe("2026-03-17T16:00:00.000Z");
    expect(accountLinkExpiresAt("reset", now).toISOString()).toBe("2026-03-10T16:30:00.000Z");
    expect(accountLinkPath("welcome")).toBe("/crear-contrasena");
    expect(accountLinkPath("reset")).toBe("/restablecer");
  });
});
