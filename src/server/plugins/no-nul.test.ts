import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, errorCode, type TestContext } from "../test/app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.app.close());

describe("a NUL character (U+0000) anywhere in a request", () => {
  it.each([
    ["the query string", "GET", "/api/health?buscar=a%00b", undefined],
    ["a path parameter", "GET", "/api/public/municipalities/15%00106", undefined],
    ["a JSON value", "POST", "/api/auth/login", { email: "a\u0000@mrtm.test", password: "x" }],
    ["a nested key", "POST", "/api/auth/login", { email: "a@mrtm.test", extra: { "k\u0000": 1 } }],
    ["an array item", "POST", "/api/auth/login", { email: "a@mrtm.test", list: ["ok", "\u0000"] }],
  ] as const)(
    "in %s is refused with 400 validation_error before any handler",
    async (_, method, url, payload) => {
      const response = await ctx.app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(response.statusCode).toBe(400);
      expect(errorCode(response)).toBe("validation_error");
      expect(response.body).toContain("U+0000");
    },
  );

  it("lets the same requests through without it", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/health?buscar=ab" });
    expect(response.statusCode).toBe(200);
  });
});
