/**
 * Hardening, one test per measure: Content-Security-Policy without 'unsafe-inline', no framing,
 * nosniff on every kind of response, HSTS only behind TLS, the session cookie's flags, and CSRF on
 * cookie-authenticated writes. Login lockout and the password policy (length, breached list) are
 * tested in src/server/modules/auth/auth.test.ts, src/domain/password.test.ts and
 * src/server/lib/breached-passwords.test.ts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { agreements, evidenceFiles } from "../db/schema/index.js";
import { SYSTEM_ACTOR } from "../lib/audit.js";
import { registerAgreement } from "../modules/agreements/service.js";
import { createTestContext, errorCode, type TestContext } from "../test/app.js";
import { buildUser, type Session, signedIn } from "../test/factories.js";
import { instanceId } from "../test/progress.js";
import { postFile, samplePdf } from "../test/samples.js";
import type { App } from "../types.js";

let ctx: TestContext;
let webDir: string;
let admin: Session;

beforeAll(async () => {
  // A stand-in for the built web app (dist/web), so static files are served as in production.
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-hardening-web-"));
  fs.mkdirSync(path.join(webDir, "assets"));
  fs.writeFileSync(
    path.join(webDir, "index.html"),
    '<!doctype html><html lang="es-MX"><head><script type="module" src="/assets/app-1a2b.js"></script></head><body><div id="root"></div></body></html>',
  );
  fs.writeFileSync(path.join(webDir, "assets/app-1a2b.js"), "console.log('mrtm');\n");
  ctx = await createTestContext({ webDir });
  await registerAgreement(
    ctx.handle.db,
    { municipality: "15106", signedOn: "2022-11-16", cohort: "Cohorte 2022" },
    SYSTEM_ACTOR,
    new Date(),
  );
  admin = (await signedIn(ctx.app, "admin")).session;
});
afterAll(async () => {
  await ctx.app.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

/** The CSP's directives by name: "script-src" → ["'self'"]. */
function cspDirectives(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe("string");
  const directives = new Map<string, string[]>();
  for (const part of String(header).split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) {
      directives.set(name, values);
    }
  }
  return directives;
}

async function evidenceDownload(): Promise<{ url: string; cookie: string; file: Buffer }> {
  const liaison = await signedIn(ctx.app, "liaison", { municipality: "15106" });
  const id = await instanceId(ctx, "15106", "E2");
  const file = await samplePdf();
  const uploaded = await postFile(
    ctx.app,
    `/api/tool-instances/${id}/evidence`,
    liaison.session,
    "politica.pdf",
    file,
  );
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  const [row] = await ctx.handle.db
    .select({ id: evidenceFiles.id })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.toolInstanceId, id));
  return { url: `/api/evidence/${row?.id}/download`, cookie: liaison.session.cookie, file };
}

describe("Content-Security-Policy", () => {
  it("allows scripts and styles on pages only from the site itself: no 'unsafe-inline', no 'unsafe-eval'", async () => {
    for (const url of ["/", "/modelo", "/assets/app-1a2b.js"]) {
      const response = await ctx.app.inject({ method: "GET", url });
      const csp = cspDirectives(response.headers["content-security-policy"]);
      expect(csp.get("script-src"), url).toEqual(["'self'"]);
      expect(csp.get("style-src"), url).toEqual(["'self'"]);
      expect(csp.get("default-src"), url).toEqual(["'self'"]);
      expect(csp.get("object-src"), url).toEqual(["'none'"]);
      expect(String(response.headers["content-security-policy"])).not.toMatch(
        /unsafe-(inline|eval)/,
      );
      // No directive may re-open inline code (script-src-attr/-elem, style-src-attr/-elem).
      for (const [name, values] of csp) {
        if (/^(script|style)-src/.test(name)) {
          expect(values, `${url} ${name}`).not.toContain("'unsafe-inline'");
        }
      }
      // A page also gets helmet's document headers.
      expect(response.headers["cross-origin-opener-policy"], url).toBe("same-origin");
      expect(response.headers["referrer-policy"], url).toBe("no-referrer");
      expect(response.headers["x-frame-options"], url).toBe("SAMEORIGIN");
    }
  });

  it("keeps inline code out of the API documentation pages too", async () => {
    for (const url of ["/api/docs", "/api/docs/json"]) {
      const response = await ctx.app.inject({ method: "GET", url });
      const csp = cspDirectives(response.headers["content-security-policy"]);
      expect(csp.get("script-src"), url).toEqual(["'self'"]);
      expect(String(response.headers["content-security-policy"])).not.toMatch(
        /unsafe-(inline|eval)/,
      );
    }
  });

  it("lets nothing load or run in an API answer or error (OWASP's API headers)", async () => {
    const answers = await Promise.all(
      ["/api/health", "/api/no-existe", "/api/public/summary"].map((url) =>
        ctx.app.inject({ method: "GET", url }),
      ),
    );
    for (const response of answers) {
      const csp = cspDirectives(response.headers["content-security-policy"]);
      expect(csp.get("default-src")).toEqual(["'none'"]);
      // No directive re-opens anything: 'none' falls back for scripts, styles, frames, fetches.
      expect([...csp.keys()].sort()).toEqual(["default-src", "frame-ancestors"]);
      expect(response.headers["cross-origin-resource-policy"]).toBe("same-origin");
      expect(response.headers["x-frame-options"]).toBe("DENY");
      // The document-only headers are not repeated on every answer.
      expect(response.headers["cross-origin-opener-policy"]).toBeUndefined();
    }
  });

  it("forbids framing the site anywhere: frame-ancestors 'none'", async () => {
    for (const url of ["/", "/api/health", "/api/docs", "/api/docs/json"]) {
      const response = await ctx.app.inject({ method: "GET", url });
      expect(
        cspDirectives(response.headers["content-security-policy"]).get("frame-ancestors"),
      ).toEqual(["'none'"]);
    }
  });
});

describe("X-Content-Type-Options: nosniff", () => {
  it("is sent on API answers, errors, pages and static files", async () => {
    const answers = await Promise.all(
      ["/api/health", "/api/no-existe", "/", "/modelo", "/assets/app-1a2b.js"].map((url) =>
        ctx.app.inject({ method: "GET", url }),
      ),
    );
    expect(answers.map((r) => r.statusCode)).toEqual([200, 404, 200, 200, 200]);
    for (const response of answers) {
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
    }
    expect(answers[4]?.headers["content-type"]).toMatch(/javascript/);
  });

  it("is sent on evidence downloads, with the file's real type as an attachment", async () => {
    const { url, cookie, file } = await evidenceDownload();
    const response = await ctx.app.inject({ method: "GET", url, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(response.rawPayload.equals(file)).toBe(true);
    // A download is no page: nothing in it may load or run.
    expect(cspDirectives(response.headers["content-security-policy"]).get("default-src")).toEqual([
      "'none'",
    ]);
  });
});

describe("Strict-Transport-Security", () => {
  let proxied: App;
  beforeAll(async () => {
    proxied = await buildApp(
      { ...ctx.app.deps, config: { ...ctx.config, trustProxy: 1 } },
      { logger: false },
    );
  });
  afterAll(() => proxied.close());

  it("is sent behind a trusted TLS proxy (MRTM_TRUST_PROXY and x-forwarded-proto: https)", async () => {
    for (const url of ["/api/health", "/"]) {
      const response = await proxied.inject({
        method: "GET",
        url,
        headers: { "x-forwarded-proto": "https" },
      });
      expect(response.headers["strict-transport-security"]).toBe(
        "max-age=31536000; includeSubDomains",
      );
    }
  });

  it("is not sent over plain http", async () => {
    const behindProxy = await proxied.inject({
      method: "GET",
      url: "/api/health",
      headers: { "x-forwarded-proto": "http" },
    });
    const direct = await ctx.app.inject({ method: "GET", url: "/api/health" });
    expect(behindProxy.headers["strict-transport-security"]).toBeUndefined();
    expect(direct.headers["strict-transport-security"]).toBeUndefined();
  });

  it("ignores a forged x-forwarded-proto when no proxy is trusted", async () => {
    const response = await ctx.app.inject({
      method: "GET",
      url: "/api/health",
      headers: { "x-forwarded-proto": "https" },
    });
    expect(response.headers["strict-transport-security"]).toBeUndefined();
  });
});

describe("the session cookie", () => {
  const loginOn = async (app: App, headers: Record<string, string> = {}) => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: user.email, password: user.password },
      headers,
    });
    expect(response.statusCode).toBe(200);
    const header = [response.headers["set-cookie"]]
      .flat()
      .find((c) => c?.startsWith("mrtm_session="));
    expect(header).toBeDefined();
    return String(header)
      .split(";")
      .map((part) => part.trim().toLowerCase());
  };

  it("is HttpOnly, SameSite=Lax, Path=/ and not Secure over plain http", async () => {
    const attributes = await loginOn(ctx.app);
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
  });

  it("is also Secure behind a trusted TLS proxy", async () => {
    const proxied = await buildApp(
      { ...ctx.app.deps, config: { ...ctx.config, trustProxy: 1 } },
      { logger: false },
    );
    const attributes = await loginOn(proxied, { "x-forwarded-proto": "https" });
    await proxied.close();
    expect(attributes).toContain("secure");
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
  });
});

describe("CSRF on cookie-authenticated writes", () => {
  const register = (headers: Record<string, string>) =>
    ctx.app.inject({
      method: "POST",
      url: "/api/agreements",
      headers,
      payload: { municipality: "15054", signedOn: "2022-11-16", cohort: "Cohorte 2022" },
    });
  const metepecAgreements = async () =>
    (
      await ctx.handle.db
        .select({ n: count() })
        .from(agreements)
        .where(eq(agreements.municipalityCvegeo, "15054"))
    )[0]?.n;

  it("refuses a write with the cookie but without the token, or with a wrong one; nothing is written", async () => {
    const attempts: Record<string, string>[] = [
      { cookie: admin.cookie },
      { cookie: admin.cookie, "x-csrf-token": "" },
      { cookie: admin.cookie, "x-csrf-token": `${admin.csrfToken.slice(0, -1)}x` },
      {
        cookie: admin.cookie,
        "x-csrf-token": admin.csrfToken,
        origin: "https://malicioso.example",
      },
    ];
    for (const headers of attempts) {
      const response = await register(headers);
      expect(response.statusCode).toBe(403);
      expect(errorCode(response)).toBe("csrf_failed");
    }
    expect(await metepecAgreements()).toBe(0);
  });

  it("accepts the same write with the session's token", async () => {
    const response = await register(admin.headers);
    expect(response.statusCode).toBe(201);
    expect(await metepecAgreements()).toBe(1);
  });
});
