import fc from "fast-check";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ToolInstance } from "../../contracts/participation.js";
import { SYSTEM_ACTOR } from "../lib/audit.js";
import { registerAgreement } from "../modules/agreements/service.js";
import { createTestContext, json, type TestContext } from "../test/app.js";
import { createToken, type Session, signedIn, type TestToken } from "../test/factories.js";
import { fromSchema, hostileValue, type JsonSchema } from "./arbitraries.js";

/**
 * Property-based fuzzing of every API route, generated from the schemas the routes declare.
 * Properties: no 5xx, every 4xx is {"error":{"code","message"}} with a Spanish message, no request
 * hangs, and the server still answers afterwards. Requests go with a session (CSRF token valid,
 * missing or wrong), an API token (write or read) of the same actors, or a made-up bearer token:
 * a read token never gets a 2xx on a write, and a made-up token never gets a 2xx at all. The seed is fixed for CI (reproducible);
 * MRTM_FUZZ_SEED and MRTM_FUZZ_RUNS explore further. fast-check prints the seed and the shrunk
 * request of any failure.
 */
const SEED = Number(process.env.MRTM_FUZZ_SEED ?? 20261125);
const RUNS = Number(process.env.MRTM_FUZZ_RUNS ?? 10_000);
/** A request that takes longer hangs: a few ms on an idle machine, seconds on a busy one. */
const REQUEST_TIMEOUT_MS = 60_000;
/**
 * The whole run's limit, from its size: 44 ms a request was measured with a load of 20 on two
 * cores (1,500 requests in 66 s); 200 ms leaves room for a busier machine, and the per-request
 * limit above catches a hang sooner.
 */
const RUN_TIMEOUT_MS = Math.max(600_000, RUNS * 200);

/** Routes that would end the fuzzing sessions themselves. */
const SKIPPED = new Set(["POST /api/auth/logout"]);

interface Operation {
  method: string;
  url: string;
  pathParams: Record<string, JsonSchema>;
  query: { properties: Record<string, JsonSchema>; required: string[] };
  body: JsonSchema | undefined;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

type Actor = "anonymous" | "admin" | "reviewer" | "liaison";

let ctx: TestContext;
const sessions: Partial<Record<Actor, Session>> = {};
const tokens: Partial<Record<Actor, { write: TestToken; read: TestToken }>> = {};
type Credential = "session" | "write token" | "read token" | "made-up token";
let operations: Operation[] = [];
/** Ids that exist, so some generated requests go past the 404 into the handlers. */
let knownIds: string[] = [];
let requests = 0;
const statuses = new Map<number, number>();
const timings = new Map<string, number>();

beforeAll(async () => {
  // The per-token rate limit is tested elsewhere; here it would only turn requests into 429s.
  ctx = await createTestContext({ maxUploadBytes: 64 * 1024, apiTokenMaxPerMinute: 100_000 });
  await registerAgreement(
    ctx.handle.db,
    { municipality: "15106", signedOn: "2022-11-16", cohort: "Cohorte 2022" },
    SYSTEM_ACTOR,
    new Date(),
  );
  sessions.admin = (await signedIn(ctx.app, "admin")).session;
  sessions.reviewer = (await signedIn(ctx.app, "reviewer")).session;
  sessions.liaison = (await signedIn(ctx.app, "liaison", { municipality: "15106" })).session;
  for (const actor of ["admin", "reviewer", "liaison"] as const) {
    const session = sessions[actor] as Session;
    tokens[actor] = {
      write: await createToken(ctx.app, session, "write"),
      read: await createToken(ctx.app, session, "read"),
    };
  }
  const tools = json<ToolInstance[]>(
    await ctx.app.inject({
      method: "GET",
      url: "/api/municipalities/15106/tools",
      headers: { cookie: sessions.liaison.cookie },
    }),
  );
  knownIds = tools.map((tool) => tool.id);
  operations = collectOperations();
});
afterAll(() => ctx.app.close());

/** Each route of app.routeList, with the JSON Schemas its OpenAPI operation declares. */
function collectOperations(): Operation[] {
  const spec = ctx.app.swagger() as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return ctx.app.routeList
    .filter((route) => route.url.startsWith("/api/") && !route.url.startsWith("/api/docs"))
    .filter((route) => !SKIPPED.has(`${route.method} ${route.url}`))
    .map((route) => {
      const openApiPath = route.url.replace(/:(\w+)/g, "{$1}");
      const operation = spec.paths[openApiPath]?.[route.method.toLowerCase()] ?? {};
      const pathParams: Record<string, JsonSchema> = {};
      const query: Operation["query"] = { properties: {}, required: [] };
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === "path") {
          pathParams[parameter.name] = parameter.schema ?? { type: "string" };
        } else if (parameter.in === "query") {
          query.properties[parameter.name] = parameter.schema ?? { type: "string" };
          if (parameter.required) {
            query.required.push(parameter.name);
          }
        }
      }
      for (const name of route.url.match(/:(\w+)/g) ?? []) {
        pathParams[name.slice(1)] ??= { type: "string" };
      }
      return {
        method: route.method,
        url: route.url,
        pathParams,
        query,
        body: operation.requestBody?.content?.["application/json"]?.schema,
      };
    });
}

/** A path segment: from its schema, an id that exists, or something hostile, URL-encoded. */
function pathValue(schema: JsonSchema): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 4, arbitrary: fromSchema(schema) },
      { weight: 2, arbitrary: fc.constantFrom(...knownIds, "15106", "15054") },
      { weight: 1, arbitrary: hostileValue },
    )
    .map((value) => percentEncode(typeof value === "string" ? value : JSON.stringify(value)));
}

/** encodeURIComponent, except that lone surrogates (which it throws on) go as their UTF-8 bytes. */
function percentEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text, "utf8")]
      .map((byte) => `%${byte.toString(16).padStart(2, "0")}`)
      .join("");
  }
}

const rawQueries = fc.constantFrom(
  "?%",
  "?a=%E0%A4%A",
  "?=&&==",
  "?page=1&page=2&page=3",
  "?limit[]=1&limit[]=2",
  `?q=${"%F0%9F%92%A5".repeat(500)}`,
  `?${"x=1&".repeat(2000)}`,
  "?__proto__[admin]=true",
);

function queryString(operation: Operation): fc.Arbitrary<string> {
  const schema: JsonSchema = {
    type: "object",
    properties: operation.query.properties,
    required: operation.query.required,
  };
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fromSchema(schema).map((value) => {
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
          return `?q=${percentEncode(JSON.stringify(value))}`;
        }
        const search = new URLSearchParams();
        for (const [key, item] of Object.entries(value)) {
          for (const one of Array.isArray(item) ? item : [item]) {
            search.append(key, typeof one === "string" ? one : JSON.stringify(one));
          }
        }
        const text = search.toString();
        return text === "" ? "" : `?${text}`;
      }),
    },
    { weight: 1, arbitrary: rawQueries },
  );
}

interface Payload {
  contentType: string | undefined;
  body: string | Buffer | undefined;
}

/** JSON from the body schema, mostly; else broken JSON, other content types, no body, a huge one. */
function payload(operation: Operation): fc.Arbitrary<Payload> {
  const jsonBody = fromSchema(operation.body).map(
    (value): Payload => ({
      contentType: "application/json",
      body: JSON.stringify(value) ?? "null",
    }),
  );
  return fc.oneof(
    { weight: 12, arbitrary: jsonBody },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Payload>(
        { contentType: "application/json", body: '{"a":' },
        { contentType: "application/json", body: "" },
        { contentType: "application/json", body: '{"__proto__":{"admin":true}}' },
        { contentType: "application/json; charset=latin1", body: "{}" },
        { contentType: "text/plain", body: "hola" },
        { contentType: "application/x-www-form-urlencoded", body: "a=1&b=2" },
        { contentType: "multipart/form-data", body: "--x\r\n\r\n" },
        { contentType: "multipart/form-data; boundary=zz", body: "--other\r\n\r\n--other--" },
        { contentType: "application/xml", body: "<a/>" },
        { contentType: "image/png", body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
        { contentType: undefined, body: undefined },
        { contentType: "application/json", body: `{"x":"${"a".repeat(1_100_000)}"}` },
      ),
    },
  );
}

const actors: Actor[] = ["anonymous", "admin", "reviewer", "liaison"];

const madeUpTokens = fc.constantFrom(
  `mrtm_${"A".repeat(43)}`,
  "mrtm_",
  "",
  "null",
  `mrtm_${"A".repeat(4000)}`,
  "' OR 1=1 --",
);

/**
 * Headers of a signed-in browser (sometimes with a wrong or missing CSRF token), or of an
 * integration with one of the actor's tokens, or with a made-up one.
 */
function headers(
  actor: Actor,
  csrf: "valid" | "missing" | "wrong",
  credential: Credential,
  madeUp: string,
): Record<string, string> {
  if (credential === "made-up token") {
    return { authorization: `Bearer ${madeUp}` };
  }
  const token = tokens[actor];
  if (credential !== "session" && token) {
    return token[credential === "write token" ? "write" : "read"].headers;
  }
  const session = sessions[actor];
  if (!session) {
    return {};
  }
  return csrf === "valid"
    ? { ...session.headers }
    : csrf === "missing"
      ? { cookie: session.cookie }
      : { cookie: session.cookie, "x-csrf-token": "0".repeat(43) };
}

/** A message a Spanish-speaking user can read: no framework English leaking through. */
const ENGLISH = /\b(the|must|should|expected|required|invalid|body|route|not found|error)\b/i;

async function injectWithTimeout(options: InjectOptions) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)),
      REQUEST_TIMEOUT_MS,
    );
  });
  try {
    return (await Promise.race([ctx.app.inject(options), timeout])) as LightMyRequestResponse;
  } finally {
    clearTimeout(timer);
  }
}

describe("fuzzing every API route from its schema", { timeout: RUN_TIMEOUT_MS }, () => {
  it(`answers ${RUNS} generated requests without a 5xx, with Spanish error bodies (seed ${SEED})`, async () => {
    expect(operations.length).toBeGreaterThan(60);
    // One arbitrary per route, built once (schemas compile to arbitraries, patterns to regexes).
    const perOperation = operations.map((operation) =>
      fc.record({
        operation: fc.constant(operation),
        actor: fc.constantFrom(...actors),
        csrf: fc.constantFrom<"valid" | "missing" | "wrong">(
          "valid",
          "valid",
          "valid",
          "missing",
          "wrong",
        ),
        credential: fc.constantFrom<Credential>(
          "session",
          "session",
          "session",
          "write token",
          "read token",
          "made-up token",
        ),
        madeUp: madeUpTokens,
        params: fc.record(
          Object.fromEntries(
            Object.entries(operation.pathParams).map(([name, schema]) => [name, pathValue(schema)]),
          ),
        ),
        query: queryString(operation),
        payload:
          operation.method === "GET" || operation.method === "DELETE"
            ? fc.constant<Payload>({ contentType: undefined, body: undefined })
            : payload(operation),
      }),
    );
    const request = fc.oneof(...perOperation);

    await fc.assert(
      fc.asyncProperty(request, async (generated) => {
        const { operation, actor, csrf, credential, madeUp, params, query, payload } = generated;
        const url =
          operation.url.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "x") + query;
        const requestHeaders = headers(actor, csrf, credential, madeUp);
        if (payload.contentType) {
          requestHeaders["content-type"] = payload.contentType;
        }
        requests++;
        const started = performance.now();
        const response = await injectWithTimeout({
          method: operation.method as "GET",
          url,
          headers: requestHeaders,
          ...(payload.body === undefined ? {} : { payload: payload.body }),
        });
        const key = `${operation.method} ${operation.url}`;
        timings.set(key, (timings.get(key) ?? 0) + performance.now() - started);
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        const where = `${operation.method} ${url.slice(0, 300)} as ${actor} (${credential}) → ${response.statusCode} ${response.body.slice(0, 300)}`;
        expect(response.statusCode, `${where}: ${response.body.slice(0, 500)}`).toBeLessThan(500);
        const success = response.statusCode >= 200 && response.statusCode < 300;
        if (credential === "made-up token") {
          expect(success, where).toBe(false);
        }
        if (credential === "read token" && actor !== "anonymous" && operation.method !== "GET") {
          expect(success, where).toBe(false);
        }
        if (response.statusCode >= 400) {
          const body = JSON.parse(response.body) as {
            error?: { code?: unknown; message?: unknown };
          };
          expect(typeof body.error?.code, where).toBe("string");
          expect(typeof body.error?.message, where).toBe("string");
          // A field's path is quoted «…» in the message and may hold an English word of the
          // contract (`ownQuestions.0.required`): only the words around it must be Spanish.
          const words = String(body.error?.message).replace(/«[^»]*»/g, "«»");
          expect(words, where).not.toMatch(ENGLISH);
          expect(body.error?.message, where).toMatch(/[a-záéíóúñ]{3}/i);
        }
      }),
      { seed: SEED, numRuns: RUNS, verbose: 1, endOnFailure: true },
    );

    if (process.env.MRTM_FUZZ_TIMINGS) {
      console.log([...timings].sort((a, b) => b[1] - a[1]).slice(0, 15), statuses);
    }
    expect(requests).toBeGreaterThanOrEqual(RUNS);
    // The runs reached the handlers, not just the validators and the 404s.
    expect([...statuses.keys()].some((status) => status >= 200 && status < 300)).toBe(true);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 20);
    const health = await ctx.app.inject({ method: "GET", url: "/api/health" });
    expect(health.statusCode).toBe(200);
  });
});
