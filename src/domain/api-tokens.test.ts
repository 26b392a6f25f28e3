import { describe, expect, it } from "vitest";
import {
  API_TOKEN_MAX_ACTIVE,
  API_TOKEN_PATTERN,
  apiTokenExpiry,
  apiTokenHint,
  apiTokenLimitProblem,
  apiTokenStatus,
  scopeAllows,
} from "./api-tokens.js";

describe("API token rules", () => {
  it("lets a read token only read, and a write token do anything", () => {
    expect(scopeAllows("read", "GET")).toBe(true);
    expect(scopeAllows("read", "head")).toBe(true);
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      expect(scopeAllows("read", method), method).toBe(false);
      expect(scopeAllows("write", method), method).toBe(true);
    }
  });

  it("says a token is revoked before it says it expired", () => {
    const now = new Date("2026-12-03T12:00:00Z");
    const later = new Date("2026-12-04T12:00:00Z");
    const earlier = new Date("2026-12-02T12:00:00Z");
    expect(apiTokenStatus({ expiresAt: later, revokedAt: null }, now)).toBe("active");
    expect(apiTokenStatus({ expiresAt: now, revokedAt: null }, now)).toBe("expired");
    expect(apiTokenStatus({ expiresAt: earlier, revokedAt: earlier }, now)).toBe("revoked");
  });

  it("expires a whole number of days later", () => {
    const now = new Date("2026-12-03T12:00:00Z");
    expect(apiTokenExpiry(now, 365).toISOString()).toBe("2027-12-03T12:00:00.000Z");
  });

  it("refuses one token more than the limit, in Spanish", () => {
    expect(apiTokenLimitProblem(API_TOKEN_MAX_ACTIVE - 1)).toBeNull();
    expect(apiTokenLimitProblem(API_TOKEN_MAX_ACTIVE)).toMatch(/máximo/);
  });

  it("recognises a token by its shape and shows only its last four characters", () => {
    const token = `mrtm_${"a".repeat(39)}WXYZ`;
    expect(API_TOKEN_PATTERN.test(token)).toBe(true);
    expect(API_TOKEN_PATTERN.test(`${token}x`)).toBe(false);
    expect(API_TOKEN_PATTERN.test(token.slice(5))).toBe(false);
    expect(apiTokenHint(token)).toBe("mrtm_…WXYZ");
  });
});
