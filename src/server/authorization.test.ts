import { Readable } from "node:stream";
import { and, desc, eq, isNull } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPEN_DATASETS } from "../contracts/public.js";
import { SHEET_COLUMNS, SHEET_NAME } from "../domain/indicator-sheet.js";
import { INDICATOR_BATTERY_2022 } from "../domain/indicators.js";
import type { Role } from "../domain/roles.js";
import {
  agreements,
  consultationComments,
  consultations,
  documentDrafts,
  evidenceFiles,
  indicatorAdoptions,
  indicatorReports,
  indicatorValues,
  liaisonDesignations,
  mailOutbox,
  notifications,
  surveyResponses,
  surveys,
  toolExemptions,
  toolInstances,
} from "./db/schema/index.js";
import { SYSTEM_ACTOR } from "./lib/audit.js";
import { recordAgreementChange, registerAgreement } from "./modules/agreements/service.js";
import { createOrRotateFeed } from "./modules/calendar/service.js";
import { commentOnConsultation, openConsultation } from "./modules/document-drafts/consultation.js";
import { saveDraft } from "./modules/document-drafts/service.js";
import { recordTraining } from "./modules/document-drafts/trainings.js";
import { attachDocument } from "./modules/documents/service.js";
import { exemptTool } from "./modules/exemptions/service.js";
import { requestExtension } from "./modules/extensions/service.js";
import { createImprovementAction } from "./modules/improvement-plans/service.js";
import { adoptIndicators } from "./modules/indicators/service.js";
import { designateLiaison } from "./modules/liaisons/service.js";
import { notify } from "./modules/notifications/service.js";
import { createProjectCard } from "./modules/project-cards/service.js";
import { settleReportCardBatches } from "./modules/report-cards/batch.js";
import { submitInstance } from "./modules/review/service.js";
import {
  addAttendee,
  addCommitment,
  attachMinutesFile,
  cancelSupportAction,
  createSupportAction,
  markSupportActionHeld,
} from "./modules/support-actions/service.js";
import { answerSurvey, openSurvey } from "./modules/surveys/service.js";
import { createUser } from "./modules/users/service.js";
import type { AuthUser } from "./plugins/auth.js";
import { createTestContext, type TestContext } from "./test/app.js";
import {
  addEvidenceRow,
  buildUser,
  createToken,
  type Session,
  signIn,
  type TestToken,
  type TestUser,
} from "./test/factories.js";
import { instanceId } from "./test/progress.js";
import { multipartBody, PROJECT_CARD, postFile, SAMPLE_PNG } from "./test/samples.js";

/**
 * Who may do what, for every route of the API. Each row is one route; each actor's cell is the
 * status a well-formed request gets. A route added without a row here fails the last test. Every
 * signed-in actor also runs each row through a write token and a read token of their own
 * (`Authorization: Bearer`, no cookie, no CSRF token): the write token gets what the session gets,
 * the read token the same on GET and 403 `token_read_only` on anything else, and both get 403
 * `session_required` on the routes only a browser session may use.
 */
type Actor = "anonymous" | Role;
const ACTORS: Actor[] = ["anonymous", "collaborator", "liaison", "reviewer", "admin"];

interface Row {
  method: string;
  url: string;
  /** Builds the request; runs once per actor (given) so writes get fresh targets. */
  request?: (
    actor: Actor,
  ) => Promise<{ url?: string; payload?: unknown; headers?: Record<string, string> }>;
  expect: Record<Actor, number>;
}

/**
 * A row whose request fills the `:name` parts of its route from `params`, left to right: a
 * string as it is, a function (an id found or made for the request) called for each request.
 * The payload, if any, is built for each request too.
 */
function filled(
  method: string,
  url: string,
  params: Record<string, string | (() => string | undefined | Promise<string>)>,
  expect: Record<Actor, number>,
  payload?: () => unknown,
): Row {
  return {
    method,
    url,
    request: async () => {
      let path = url;
      for (const [name, value] of Object.entries(params)) {
        path = path.replace(`:${name}`, `${typeof value === "string" ? value : await value()}`);
      }
      return payload ? { url: path, payload: payload() } : { url: path };
    },
    expect,
  };
}

const everyone = (status: number): Record<Actor, number> => ({
  anonymous: status,
  collaborator: status,
  liaison: status,
  reviewer: status,
  admin: status,
});
const signedIn = (status: number): Record<Actor, number> => ({
  ...everyone(status),
  anonymous: 401,
});
const adminOnly = (status: number): Record<Actor, number> => ({
  anonymous: 401,
  collaborator: 403,
  liaison: 403,
  reviewer: 403,
  admin: status,
});
const staffOnly = (status: number): Record<Actor, number> => ({
  ...adminOnly(status),
  reviewer: status,
});
/** Municipal actors belong to OWN; another municipality's resources answer 404 to them. */
const OWN = "15106";
const OTHER = "15054";
const ownMunicipality = (status: number): Record<Actor, number> => signedIn(status);
const otherMunicipality = (status: number): Record<Actor, number> => ({
  ...signedIn(status),
  collaborator: 404,
  liaison: 404,
});
/** The expectations of a row about OTHER: its municipal actors get 404 instead. */
const hiddenOutside =
  (cvegeo: string) =>
  (expected: Record<Actor, number>): Record<Actor, number> =>
    cvegeo === OWN ? expected : { ...expected, collaborator: 404, liaison: 404 };
let nextMunicipality = 1;
const freeMunicipality = () => `15${String(nextMunicipality++).padStart(3, "0")}`;

let ctx: TestContext;
const sessions = new Map<Actor, Session | null>();
/** Each signed-in actor's account, so a new session after signing out is the same person's. */
const accounts = new Map<Actor, TestUser>();
const tokens = new Map<Actor, { write: TestToken; read: TestToken }>();

/** Routes a token may not use, whatever its scope: managing tokens, the password, signing out. */
const SESSION_ONLY = new Set([
  "POST /api/auth/logout",
  "POST /api/auth/password",
  "GET /api/auth/tokens",
  "POST /api/auth/tokens",
  "DELETE /api/auth/tokens/:id",
]);
type Credential = "session" | "write" | "read";
const CREDENTIALS: Credential[] = ["session", "write", "read"];

/** What a row's request gets through a credential, where the actor's session gets `status`. */
function expectedThrough(row: Row, credential: Credential, status: number): string {
  if (credential === "session") {
    return String(status);
  }
  // The scope is checked first, before any route runs.
  if (credential === "read" && row.method !== "GET" && row.method !== "HEAD") {
    return "403 token_read_only";
  }
  if (SESSION_ONLY.has(`${row.method} ${row.url}`)) {
    return "403 session_required";
  }
  return String(status);
}

const freshUser = async () => buildUser(ctx.handle.db, "reviewer");

/** A multipart upload of a small PNG to a URL, for the rows of upload routes. */
function upload(url: string, fileName: string) {
  const body = multipartBody(fileName, SAMPLE_PNG);
  return { url, payload: body.payload, headers: body.headers };
}

/** The id of a municipality's (first) instance of a tool. */
async function instanceOf(cvegeo: string, code: string): Promise<string> {
  const [row] = await ctx.handle.db
    .select({ id: toolInstances.id })
    .from(toolInstances)
    .where(and(eq(toolInstances.municipalityCvegeo, cvegeo), eq(toolInstances.toolCode, code)));
  return row?.id ?? "";
}

/** The session user of a service call made on someone's behalf. */
function authUser(
  user: { id: string; email: string },
  role: Role,
  municipality: AuthUser["municipality"] = null,
): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: "Matriz",
    role,
    municipality,
    mustChangePassword: false,
    designatedLiaison: role === "liaison",
  };
}

let published: Promise<string> | null = null;
/** A public document of a validated tool (C4 of OWN): uploaded, submitted and validated once. */
function publishedDocumentId(): Promise<string> {
  published ??= (async () => {
    const url = `/api/tool-instances/${await instanceOf(OWN, "C4")}`;
    // The matrix's own liaison, the designated one: a new liaison would take the designation over.
    const liaison =
      sessions.get("liaison") ?? (await signIn(ctx.app, await buildUser(ctx.handle.db, "liaison")));
    const reviewer = await signIn(ctx.app, await buildUser(ctx.handle.db, "reviewer"));
    const uploaded = await postFile(
      ctx.app,
      `${url}/evidence?public=true`,
      liaison,
      "politica-datos-abiertos.png",
      SAMPLE_PNG,
    );
    const { evidence } = JSON.parse(uploaded.body) as { evidence: { id: string }[] };
    const submitted = await ctx.app.inject({
      method: "POST",
      url: `${url}/submit`,
      headers: liaison.headers,
    });
    const { version } = JSON.parse(submitted.body) as { version: number };
    await ctx.app.inject({
      method: "POST",
      url: `${url}/review`,
      headers: reviewer.headers,
      payload: { decision: "validate", expectedVersion: version },
    });
    return evidence[0]?.id ?? "";
  })();
  return published;
}

async function draftId(): Promise<string> {
  const admin = sessions.get("admin");
  const list = await ctx.app.inject({
    method: "GET",
    url: "/api/model/versions",
    headers: { cookie: admin?.cookie ?? "" },
  });
  const draft = (JSON.parse(list.body) as { id: string; status: string }[]).find(
    (v) => v.status === "draft",
  );
  if (draft) {
    return draft.id;
  }
  const created = await ctx.app.inject({
    method: "POST",
    url: "/api/model/versions",
    headers: admin?.headers,
  });
  return (JSON.parse(created.body) as { id: string }).id;
}

/** The model version OWN's agreement follows. */
async function ownVersionId(): Promise<string> {
  const [row] = await ctx.handle.db
    .select({ id: agreements.modelVersionId })
    .from(agreements)
    .where(eq(agreements.municipalityCvegeo, OWN));
  if (!row) {
    throw new Error("OWN has no agreement");
  }
  return row.id;
}

const ROWS: Row[] = [
  { method: "GET", url: "/api/health", expect: everyone(200) },
  { method: "GET", url: "/api/model", expect: everyone(200) },
  { method: "GET", url: "/api/municipalities", expect: everyone(200) },
  {
    method: "GET",
    url: "/api/municipalities/:cvegeo",
    request: async () => ({ url: "/api/municipalities/15106" }),
    expect: everyone(200),
  },
  { method: "GET", url: "/api/institution", expect: everyone(200) },
  { method: "GET", url: "/api/uploads/limits", expect: everyone(200) },
  // The public portal: no session, same answer for everyone.
  { method: "GET", url: "/api/public/summary", expect: everyone(200) },
  { method: "GET", url: "/api/public/map", expect: everyone(200) },
  { method: "GET", url: "/api/public/ranking", expect: everyone(200) },
  {
    method: "GET",
    url: "/api/public/municipalities",
    request: async () => ({ url: "/api/public/municipalities?q=toluca" }),
    expect: everyone(200),
  },
  filled("GET", "/api/public/municipalities/:cvegeo", { cvegeo: OTHER }, everyone(200)),
  filled("GET", "/api/public/documents/:id", { id: () => publishedDocumentId() }, everyone(200)),
  { method: "GET", url: "/api/public/open-data", expect: everyone(200) },
  { method: "GET", url: "/api/public/methodology", expect: everyone(200) },
  ...OPEN_DATASETS.flatMap((dataset) =>
    ["csv", "json"].map(
      (format): Row => ({
        method: "GET",
        url: `/api/public/open-data/${dataset}.${format}`,
        expect: everyone(200),
      }),
    ),
  ),
  { method: "GET", url: "/api/institution/logo", expect: everyone(404) },
  {
    method: "POST",
    url: "/api/auth/login",
    request: async () => {
      const user = await freshUser();
      return { payload: { email: user.email, password: user.password } };
    },
    expect: everyone(200),
  },
  { method: "POST", url: "/api/auth/logout", expect: everyone(200) },
  { method: "GET", url: "/api/auth/me", expect: signedIn(200) },
  { method: "GET", url: "/api/auth/session", expect: everyone(200) },
  { method: "GET", url: "/api/auth/tokens", expect: signedIn(200) },
  {
    method: "POST",
    url: "/api/auth/tokens",
    request: async () => ({ payload: { name: "Matriz", scope: "read", expiresInDays: 7 } }),
    expect: signedIn(201),
  },
  {
    method: "DELETE",
    url: "/api/auth/tokens/:id",
    // Each actor revokes a token of their own.
    request: async (actor) => {
      const session = sessions.get(actor) ?? (await signIn(ctx.app, await freshUser()));
      const token = await createToken(ctx.app, session, "read", { name: "Por revocar" });
      return { url: `/api/auth/tokens/${token.id}` };
    },
    expect: signedIn(204),
  },
  // Password recovery: public, and the same answer whoever asks about whichever address.
  {
    method: "POST",
    url: "/api/auth/password-reset",
    request: async () => ({ payload: { email: (await freshUser()).email } }),
    expect: everyone(202),
  },
  {
    method: "POST",
    url: "/api/auth/password-reset/confirm",
    // An unknown token: proves the route is reachable without changing anyone's password.
    request: async () => ({
      payload: { token: "no-es-un-enlace-valido", newPassword: "nueva-clave-larga-2026" },
    }),
    expect: everyone(400),
  },
  {
    method: "POST",
    url: "/api/auth/password",
    // A wrong current password: proves the route is reachable without changing anyone's password.
    request: async () => ({
      payload: { currentPassword: "no-es-la-actual-123", newPassword: "nueva-clave-larga-2026" },
    }),
    expect: signedIn(401),
  },
  { method: "GET", url: "/api/users", expect: adminOnly(200) },
  // The XLSX import: a PNG is no workbook, so the admin's dry run and apply are refused (422)
  // without writing anything; nobody else reaches them.
  { method: "GET", url: "/api/imports/template.xlsx", expect: adminOnly(200) },
  {
    method: "POST",
    url: "/api/imports/dry-run",
    request: async () => upload("/api/imports/dry-run", "no-es-un-libro.xlsx"),
    expect: adminOnly(422),
  },
  {
    method: "POST",
    url: "/api/imports/apply",
    request: async () => upload("/api/imports/apply", "no-es-un-libro.xlsx"),
    expect: adminOnly(422),
  },
  {
    method: "GET",
    url: "/api/imports/progress/:id",
    request: async () => ({ url: "/api/imports/progress/00000000-0000-4000-8000-000000000000" }),
    expect: adminOnly(404),
  },
  filled("GET", "/api/users/:id", { id: async () => (await freshUser()).id }, adminOnly(200)),
  {
    method: "POST",
    url: "/api/users",
    request: async () => ({
      payload: {
        email: `m-${Math.random().toString(36).slice(2)}@prueba.mrtm.test`,
        name: "Matriz",
        role: "reviewer",
      },
    }),
    expect: adminOnly(201),
  },
  filled(
    "PATCH",
    "/api/users/:id",
    { id: async () => (await freshUser()).id },
    adminOnly(200),
    () => ({ name: "Otro nombre" }),
  ),
  filled(
    "POST",
    "/api/users/:id/reset-password",
    { id: async () => (await freshUser()).id },
    adminOnly(200),
  ),
  { method: "GET", url: "/api/model/versions", expect: adminOnly(200) },
  filled("GET", "/api/model/versions/:id", { id: () => draftId() }, adminOnly(200)),
  {
    method: "POST",
    url: "/api/model/versions",
    // The admin's call finds the draft left by the row above: 409 proves it passed authorisation.
    expect: adminOnly(409),
  },
  {
    method: "PUT",
    url: "/api/model/versions/:id",
    request: async () => {
      const id = await draftId();
      const admin = sessions.get("admin");
      const detail = JSON.parse(
        (
          await ctx.app.inject({
            method: "GET",
            url: `/api/model/versions/${id}`,
            headers: { cookie: admin?.cookie ?? "" },
          })
        ).body,
      ) as {
        content: unknown;
        revision: number;
      };
      return {
        url: `/api/model/versions/${id}`,
        payload: { content: detail.content, expectedRevision: detail.revision },
      };
    },
    expect: adminOnly(200),
  },
  filled("POST", "/api/model/versions/:id/publish", { id: () => draftId() }, adminOnly(200)),
  filled("DELETE", "/api/model/versions/:id", { id: () => draftId() }, adminOnly(204)),
  // Moving participants (decision 0030): the version in force is the one OWN already follows, so
  // the preview answers with the problem and the admin's apply is refused 409 (past authorisation).
  filled(
    "POST",
    "/api/model/versions/:id/migration-preview",
    { id: () => ownVersionId() },
    adminOnly(200),
    () => ({ municipalities: [OWN] }),
  ),
  filled(
    "POST",
    "/api/model/versions/:id/migrations",
    { id: () => ownVersionId() },
    adminOnly(409),
    () => ({ municipalities: [OWN] }),
  ),
  {
    method: "PUT",
    url: "/api/institution",
    request: async () => ({
      payload: {
        name: "Institución",
        shortName: "INST",
        unitName: "Unidad",
        stateName: "Estado de México",
      },
    }),
    expect: adminOnly(200),
  },
  {
    method: "PUT",
    url: "/api/institution/logo",
    request: async () => ({ payload: SAMPLE_PNG, headers: { "content-type": "image/png" } }),
    expect: adminOnly(200),
  },
  { method: "DELETE", url: "/api/institution/logo", expect: adminOnly(200) },
  { method: "GET", url: "/api/audit", expect: adminOnly(200) },
  { method: "GET", url: "/api/audit/chain", expect: adminOnly(200) },
  { method: "GET", url: "/api/agreements", expect: staffOnly(200) },
  { method: "GET", url: "/api/review-queue", expect: staffOnly(200) },
  { method: "GET", url: "/api/gap-matrix", expect: staffOnly(200) },
  { method: "GET", url: "/api/gap-matrix.xlsx", expect: staffOnly(200) },
  {
    method: "POST",
    url: "/api/agreements/:id/document",
    request: async () =>
      upload(`/api/agreements/${agreementIds.get(OTHER)}/document`, "convenio.png"),
    expect: adminOnly(204),
  },
  {
    method: "POST",
    url: "/api/liaison-designations/:id/letter",
    request: async () =>
      upload(`/api/liaison-designations/${designationIds.get(OTHER)}/letter`, "oficio.png"),
    expect: adminOnly(204),
  },
  {
    method: "POST",
    url: "/api/agreements",
    request: async () => ({
      payload: { municipality: freeMunicipality(), signedOn: "2022-11-16", cohort: "Cohorte 2022" },
    }),
    expect: adminOnly(201),
  },
  filled(
    "PATCH",
    "/api/agreements/:id",
    { id: () => agreementIds.get(OTHER) },
    adminOnly(200),
    () => ({ cohort: "Cohorte 2023", reason: "Corrección de prueba" }),
  ),
  {
    method: "POST",
    url: "/api/agreements/:id/changes",
    // A fresh agreement each time: renewals of it stay in force for the other rows.
    request: async (actor) => ({
      url: `/api/agreements/${
        actor === "admin"
          ? await registerAgreement(
              ctx.handle.db,
              { municipality: freeMunicipality(), signedOn: "2022-11-16", cohort: "Cohorte 2022" },
              SYSTEM_ACTOR,
              new Date(),
            )
          : agreementIds.get(OTHER)
      }/changes`,
      payload: { kind: "termination", effectiveOn: "2024-06-30", reason: "Acuerdo de cabildo" },
    }),
    expect: adminOnly(201),
  },
  {
    method: "POST",
    url: "/api/agreement-changes/:id/document",
    request: async () =>
      upload(`/api/agreement-changes/${ratificationIds.get(OTHER)}/document`, "ratificacion.png"),
    expect: adminOnly(204),
  },
  {
    method: "POST",
    url: "/api/municipalities/:cvegeo/administrations",
    // Each admin request records the next term of a municipality no other row uses.
    request: async () => {
      const start = 2000 + 3 * administrationsRecorded++;
      return {
        url: `/api/municipalities/${OTHER}/administrations`,
        payload: { startsOn: `${start}-01-01`, endsOn: `${start + 2}-12-31`, headName: "Titular" },
      };
    },
    expect: adminOnly(201),
  },
  ...[OWN, OTHER].flatMap((cvegeo): Row[] =>
    ["administrations", "handover.pdf"].map((what) => ({
      method: "GET",
      url: `/api/municipalities/:cvegeo/${what}`,
      request: async () => ({ url: `/api/municipalities/${cvegeo}/${what}` }),
      expect: hiddenOutside(cvegeo)(signedIn(200)),
    })),
  ),
  ...[OWN, OTHER].flatMap((cvegeo): Row[] => [
    filled(
      "GET",
      "/api/agreement-changes/:id/document",
      { id: () => ratificationIds.get(cvegeo) },
      hiddenOutside(cvegeo)(signedIn(200)),
    ),
  ]),
  ...[OWN, OTHER].flatMap((cvegeo): Row[] => {
    const expectFor = cvegeo === OWN ? ownMunicipality : otherMunicipality;
    return ["agreement", "agreement/changes", "tools", "liaisons"].map((what) => ({
      method: "GET",
      url: `/api/municipalities/:cvegeo/${what}`,
      request: async () => ({ url: `/api/municipalities/${cvegeo}/${what}` }),
      expect: expectFor(200),
    }));
  }),
  {
    method: "POST",
    url: "/api/municipalities/:cvegeo/liaison",
    request: async () => {
      const liaison = await buildUser(ctx.handle.db, "liaison", {
        municipality: OTHER,
        designated: false,
      });
      return {
        url: `/api/municipalities/${OTHER}/liaison`,
        payload: { userId: liaison.id, designatedOn: "2024-01-15" },
      };
    },
    expect: adminOnly(200),
  },
  ...[OWN, OTHER].flatMap((cvegeo): Row[] => {
    const instance = () => `/api/tool-instances/${instanceIds.get(cvegeo)}`;
    const hidden = hiddenOutside(cvegeo);
    return [
      filled(
        "GET",
        "/api/agreements/:id/document",
        { id: () => agreementIds.get(cvegeo) },
        hidden(signedIn(200)),
      ),
      filled(
        "GET",
        "/api/liaison-designations/:id/letter",
        { id: () => designationIds.get(cvegeo) },
        hidden(signedIn(200)),
      ),
      // Not submitted yet: whoever may see the municipality reaches the rule (409).
      filled(
        "GET",
        "/api/municipalities/:cvegeo/diagnostic/acknowledgement.pdf",
        { cvegeo },
        hidden(signedIn(409)),
      ),
      filled(
        "GET",
        "/api/evidence/:id/preview",
        { id: () => evidenceIds.get(cvegeo) },
        hidden(signedIn(200)),
      ),
      filled("GET", "/api/municipalities/:cvegeo/timeline", { cvegeo }, hidden(signedIn(200))),
      {
        method: "POST",
        url: "/api/tool-instances/:id/evidence",
        request: async () =>
          upload(`/api/tool-instances/${uploadTargets.get(cvegeo)}/evidence`, "acta.png"),
        expect: hidden({
          anonymous: 401,
          collaborator: 201,
          liaison: 201,
          reviewer: 403,
          admin: 403,
        }),
      },
      filled(
        "GET",
        "/api/evidence/:id/download",
        { id: () => evidenceIds.get(cvegeo) },
        hidden(signedIn(200)),
      ),
      {
        method: "DELETE",
        url: "/api/evidence/:id",
        // A fresh draft (never sent) for each actor: only the liaison deletes it.
        request: async () => ({ url: `/api/evidence/${await evidenceDraft(cvegeo, false)}` }),
        expect: hidden({
          anonymous: 401,
          collaborator: 403,
          liaison: 204,
          reviewer: 403,
          admin: 403,
        }),
      },
      {
        method: "POST",
        url: "/api/evidence/:id/withdrawal",
        // A fresh public document for each actor: the liaison and staff withdraw it.
        request: async () => ({
          url: `/api/evidence/${await evidenceDraft(cvegeo, true)}/withdrawal`,
          payload: { reason: "Contiene datos personales" },
        }),
        expect: hidden({
          anonymous: 401,
          collaborator: 403,
          liaison: 200,
          reviewer: 200,
          admin: 200,
        }),
      },
      {
        method: "PUT",
        url: "/api/evidence/:id/public",
        // A file of a submission under review: staff decide whether it will be published.
        request: async () => ({
          url: `/api/evidence/${await fileInReview(cvegeo)}/public`,
          payload: { isPublic: false },
        }),
        expect: hidden({
          anonymous: 401,
          collaborator: 403,
          liaison: 403,
          reviewer: 200,
          admin: 200,
        }),
      },
      filled("GET", "/api/municipalities/:cvegeo/diagnostic", { cvegeo }, hidden(signedIn(200))),
      {
        method: "PUT",
        url: "/api/municipalities/:cvegeo/diagnostic",
        request: async () => ({
          url: `/api/municipalities/${cvegeo}/diagnostic`,
          payload: { answers: [] },
        }),
        expect: hidden({
          anonymous: 401,
          collaborator: 200,
          liaison: 200,
          reviewer: 403,
          admin: 403,
        }),
      },
      {
        method: "POST",
        url: "/api/municipalities/:cvegeo/diagnostic/submit",
        // Unanswered: the liaison reaches the completeness rule (400); others are refused first.
        request: async () => ({ url: `/api/municipalities/${cvegeo}/diagnostic/submit` }),
        expect: hidden({
          anonymous: 401,
          collaborator: 403,
          liaison: 400,
          reviewer: 403,
          admin: 403,
        }),
      },
      {
        method: "POST",
        url: "/api/municipalities/:cvegeo/diagnostic/rounds",
        // The first round is a draft: the liaison reaches the round rule (409); others are refused.
        request: async () => ({ url: `/api/municipalities/${cvegeo}/diagnostic/rounds` }),
        expect: hidden({
          anonymous: 401,
          collaborator: 403,
          liaison: 409,
          reviewer: 403,
          admin: 403,
        }),
      },
      // Answered once: whoever may see the municipality learns there is nothing to compare.
      filled(
        "GET",
        "/api/municipalities/:cvegeo/diagnostic/comparison",
        { cvegeo },
        hidden(signedIn(404)),
      ),
      {
        method: "GET",
        url: "/api/tool-instances/:id",
        request: async () => ({ url: instance() }),
        expect: hidden(signedIn(200)),
      },
      {
        method: "POST",
        url: "/api/tool-instances/:id/submit",
        // Nothing uploaded yet: the liaison reaches the rule (409), everyone else is refused first.
        request: async () => ({ url: `${instance()}/submit` }),
        expect: hidden({
          anonymous: 401,
          collaborator: 403,
          liaison: 409,
          reviewer: 403,
          admin: 403,
        }),
      },
      {
        method: "POST",
        url: "/api/tool-instances/:id/review",
        // Still pending: reviewers reach the state rule (409), municipal users are refused first.
        request: async () => ({
          url: `${instance()}/review`,
          payload: { decision: "validate", expectedVersion: 1 },
        }),
        expect: hidden({
          anonymous: 401,
          collaborator: 403,
          liaison: 403,
          reviewer: 409,
          admin: 409,
        }),
      },
    ];
  }),
  {
    method: "POST",
    url: "/api/observations/:id/answer",
    request: async () => ({
      url: "/api/observations/00000000-0000-4000-8000-000000000000/answer",
      payload: { answer: "Respuesta" },
    }),
    expect: signedIn(404),
  },
  { method: "GET", url: "/api/notifications", expect: signedIn(200) },
  { method: "GET", url: "/api/notifications/unread-count", expect: signedIn(200) },
  {
    method: "POST",
    url: "/api/notifications/:id/read",
    // Each actor marks one of their own notifications.
    request: async (actor) => ({
      url: `/api/notifications/${await notificationFor(await actorId(actor))}/read`,
    }),
    expect: signedIn(200),
  },
  // Someone else's notification does not exist for anyone else.
  filled(
    "POST",
    "/api/notifications/:id/read",
    { id: async () => await notificationFor((await freshUser()).id) },
    signedIn(404),
  ),
  { method: "POST", url: "/api/notifications/read-all", expect: signedIn(200) },
  { method: "GET", url: "/api/notification-preferences", expect: signedIn(200) },
  {
    method: "PUT",
    url: "/api/notification-preferences",
    request: async () => ({ payload: { preferences: [{ kind: "overdue_digest", email: false }] } }),
    expect: signedIn(200),
  },
  { method: "GET", url: "/api/mail-outbox", expect: adminOnly(200) },
  filled("GET", "/api/mail-outbox/:id", { id: () => outboxMessage() }, adminOnly(200)),
  filled("GET", "/api/mail-outbox/:id/html", { id: () => outboxMessage() }, adminOnly(200)),
  // No SMTP server in tests: the admin reaches the rule (409), everyone else is refused first.
  filled("POST", "/api/mail-outbox/:id/retry", { id: () => outboxMessage() }, adminOnly(409)),
  ...supportActionRows(),
  ...planRows(),
  ...draftRows(),
  ...guidedRecordRows(),
  ...calendarRows(),
  ...progressRows(),
  ...surveyRows(),
  ...accountRows(),
  ...indicatorRows(),
  ...extensionRows(),
  ...exemptionRows(),
];

/** Tools of OWN the exemption rows exempt in turn; one is freed (lifted) before its next use. */
const EXEMPTABLE = ["P1", "P2", "C1", "C2", "C3", "R1", "R2", "R3", "M2", "M3", "E3", "E4"];
let exempted = 0;
async function nextExemptable(): Promise<string> {
  const tool = EXEMPTABLE[exempted++ % EXEMPTABLE.length] as string;
  await ctx.handle.db
    .update(toolExemptions)
    .set({ liftedAt: new Date() })
    .where(
      and(
        eq(toolExemptions.municipalityCvegeo, OWN),
        eq(toolExemptions.toolCode, tool),
        isNull(toolExemptions.liftedAt),
      ),
    );
  return tool;
}

/** Exemptions: staff exempt and lift; a municipality reads its own. */
function exemptionRows(): Row[] {
  return [
    {
      method: "POST",
      url: "/api/municipalities/:cvegeo/exemptions",
      request: async (actor) => ({
        url: `/api/municipalities/${OWN}/exemptions`,
        payload: {
          tool: actor === "reviewer" || actor === "admin" ? await nextExemptable() : "P1",
          reason: "No aplica",
        },
      }),
      expect: staffOnly(201),
    },
    {
      method: "POST",
      url: "/api/exemptions/:id/lift",
      // Only staff reach the exemption: the others are refused before it is looked up.
      request: async (actor) => ({
        url: `/api/exemptions/${
          actor === "reviewer" || actor === "admin"
            ? await exemptTool(
                ctx.handle.db,
                OWN,
                { tool: await nextExemptable(), reason: "No aplica" },
                SYSTEM_ACTOR,
              )
            : "00000000-0000-4000-8000-000000000000"
        }/lift`,
        payload: { reason: "Vuelve a aplicar" },
      }),
      expect: staffOnly(200),
    },
    ...[OWN, OTHER].map(
      (cvegeo): Row =>
        filled(
          "GET",
          "/api/municipalities/:cvegeo/exemptions",
          { cvegeo },
          hiddenOutside(cvegeo)(signedIn(200)),
        ),
    ),
  ];
}

/** Instances other rows use (or that cannot be extended): extension rows leave them alone. */
const NOT_FOR_EXTENSIONS = new Set(["E1", "E2", "E4", "R4", "M1", "M4", "C4"]);
const extended = new Set<string>();
/** A fresh instance of a municipality that no extension row touched yet (one pending each). */
async function extensionTarget(cvegeo: string): Promise<string> {
  const rows = await ctx.handle.db
    .select({ id: toolInstances.id, tool: toolInstances.toolCode, state: toolInstances.state })
    .from(toolInstances)
    .where(eq(toolInstances.municipalityCvegeo, cvegeo))
    .orderBy(toolInstances.id);
  const row = rows.find(
    (candidate) =>
      !NOT_FOR_EXTENSIONS.has(candidate.tool) &&
      candidate.state !== "validated" &&
      !extended.has(candidate.id),
  );
  if (!row) {
    throw new Error(`no instance of ${cvegeo} left to extend`);
  }
  extended.add(row.id);
  return row.id;
}

/** A pending extension request of OWN, asked by its designated liaison. */
async function pendingExtension(): Promise<string> {
  const liaison = await buildUser(ctx.handle.db, "liaison", {
    municipality: OWN,
    designated: false,
  });
  return requestExtension(
    ctx.handle.db,
    await extensionTarget(OWN),
    { requestedOn: "2030-12-31", reason: "Cambio de administración" },
    {
      user: authUser(liaison, "liaison", { cvegeo: OWN, name: "Toluca" }),
      actor: SYSTEM_ACTOR,
      now: new Date(),
    },
  );
}

/** Extensions: the designated liaison asks for its own municipality; staff list and decide. */
function extensionRows(): Row[] {
  return [
    { method: "GET", url: "/api/extensions", expect: staffOnly(200) },
    filled(
      "POST",
      "/api/extensions/:id/decision",
      { id: () => pendingExtension() },
      staffOnly(200),
      () => ({ decision: "approve", grantedOn: "2031-01-31" }),
    ),
    ...[OWN, OTHER].flatMap((cvegeo): Row[] => {
      const hidden = hiddenOutside(cvegeo);
      return [
        filled(
          "GET",
          "/api/tool-instances/:id/extensions",
          { id: () => instanceIds.get(cvegeo) },
          hidden(signedIn(200)),
        ),
        {
          method: "POST",
          url: "/api/tool-instances/:id/extensions",
          request: async () => ({
            url: `/api/tool-instances/${await extensionTarget(cvegeo)}/extensions`,
            payload: { requestedOn: "2030-12-31", reason: "Cambio de administración" },
          }),
          expect: hidden({
            anonymous: 401,
            collaborator: 403,
            liaison: 201,
            reviewer: 403,
            admin: 403,
          }),
        },
      ];
    }),
  ];
}

/** The M2 instance of a municipality. */
async function m2Of(cvegeo: string): Promise<string> {
  const [row] = await ctx.handle.db
    .select({ id: toolInstances.id })
    .from(toolInstances)
    .where(and(eq(toolInstances.municipalityCvegeo, cvegeo), eq(toolInstances.toolCode, "M2")));
  return row?.id ?? "";
}

/** Last year: its first quarter has ended whenever the matrix runs. */
const INDICATOR_YEAR = new Date().getUTCFullYear() - 1;
const INDICATOR_PERIOD = `${INDICATOR_YEAR}-T1`;
const ADOPTION = {
  startYear: INDICATOR_YEAR,
  choices: INDICATOR_BATTERY_2022.map((item) => ({
    code: item.code,
    target: 10,
    excluded: false,
    exclusionReason: null,
  })),
};
const QUARTER_VALUES = INDICATOR_BATTERY_2022.filter(
  (item) => item.periodicity === "quarterly",
).map((item) => ({ code: item.code, value: 5 }));

const adoptedFixtures = new Map<string, Promise<{ instance: string; adoption: string }>>();
/** A municipality's M2 with the battery adopted (by a liaison of its own). */
function adoptedFixture(cvegeo: string) {
  let found = adoptedFixtures.get(cvegeo);
  if (!found) {
    found = (async () => {
      const instance = await m2Of(cvegeo);
      const liaison = authUser(
        await buildUser(ctx.handle.db, "liaison", { municipality: cvegeo, designated: false }),
        "liaison",
        { cvegeo, name: "Matriz" },
      );
      await adoptIndicators(
        ctx.handle.db,
        ctx.app.deps.blobs,
        {
          instanceId: instance,
          ...ADOPTION,
          expectedRevision: undefined,
          maxBytes: ctx.config.maxUploadBytes,
          tempDir: ctx.config.uploadTempDir,
        },
        { user: liaison, actor: SYSTEM_ACTOR, now: new Date() },
      );
      const [row] = await ctx.handle.db
        .select({ id: indicatorAdoptions.id })
        .from(indicatorAdoptions)
        .where(eq(indicatorAdoptions.toolInstanceId, instance));
      return { instance, adoption: row?.id ?? "" };
    })();
    adoptedFixtures.set(cvegeo, found);
  }
  return found;
}

/**
 * The period's report as a draft (with every value when `filled`), created if missing; its
 * revision, for the request's `expectedRevision`.
 */
async function draftReport(cvegeo: string, filled: boolean): Promise<number> {
  const { adoption } = await adoptedFixture(cvegeo);
  const [existing] = await ctx.handle.db
    .select()
    .from(indicatorReports)
    .where(
      and(
        eq(indicatorReports.adoptionId, adoption),
        eq(indicatorReports.periodKey, INDICATOR_PERIOD),
      ),
    );
  const [account] = await ctx.handle.db
    .select({ id: indicatorAdoptions.adoptedBy })
    .from(indicatorAdoptions)
    .where(eq(indicatorAdoptions.id, adoption));
  const report =
    existing ??
    (
      await ctx.handle.db
        .insert(indicatorReports)
        .values({
          adoptionId: adoption,
          municipalityCvegeo: cvegeo,
          periodKey: INDICATOR_PERIOD,
          updatedBy: account?.id ?? "",
        })
        .returning()
    )[0];
  if (!report) {
    throw new Error("no report");
  }
  await ctx.handle.db
    .update(indicatorReports)
    .set({ status: "draft", submittedAt: null, submittedBy: null })
    .where(eq(indicatorReports.id, report.id));
  await ctx.handle.db.delete(indicatorValues).where(eq(indicatorValues.reportId, report.id));
  if (filled) {
    await ctx.handle.db.insert(indicatorValues).values(
      QUARTER_VALUES.map((entry) => ({
        reportId: report.id,
        municipalityCvegeo: cvegeo,
        indicatorCode: entry.code,
        periodKey: INDICATOR_PERIOD,
        value: entry.value,
      })),
    );
  }
  return report.revision;
}

/** The period's report sent with every value (as `draftReport` fills it); its revision. */
async function sentReport(cvegeo: string): Promise<number> {
  const revision = await draftReport(cvegeo, true);
  const { adoption } = await adoptedFixture(cvegeo);
  await ctx.handle.db
    .update(indicatorReports)
    .set({ status: "submitted", submittedAt: new Date() })
    .where(
      and(
        eq(indicatorReports.adoptionId, adoption),
        eq(indicatorReports.periodKey, INDICATOR_PERIOD),
      ),
    );
  return revision;
}

/** An M2 capture sheet with the template's header and no rows: a dry run of it changes nothing. */
async function emptyIndicatorSheet(url: string) {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet(SHEET_NAME).addRow([...SHEET_COLUMNS]);
  const body = multipartBody("indicadores.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));
  return { url, payload: body.payload, headers: body.headers };
}

/** M2 indicators: the liaison adopts and submits, the municipality drafts, staff compare. */
function indicatorRows(): Row[] {
  const liaisonOnly = (cvegeo: string, status: number): Record<Actor, number> =>
    hiddenOutside(cvegeo)({
      anonymous: 401,
      collaborator: 403,
      liaison: status,
      reviewer: 403,
      admin: 403,
    });
  return [
    { method: "GET", url: "/api/indicators", expect: staffOnly(200) },
    {
      method: "GET",
      url: "/api/indicators/:code/comparison",
      request: async () => {
        await adoptedFixture(OWN);
        return { url: "/api/indicators/IND01/comparison" };
      },
      expect: staffOnly(200),
    },
    ...[OWN, OTHER].flatMap((cvegeo): Row[] => {
      const hidden = hiddenOutside(cvegeo);
      const periodUrl = async () =>
        `/api/tool-instances/${(await adoptedFixture(cvegeo)).instance}/indicators/periods/${INDICATOR_PERIOD}`;
      return [
        filled(
          "GET",
          "/api/tool-instances/:id/indicators",
          { id: async () => (await adoptedFixture(cvegeo)).instance },
          hidden(signedIn(200)),
        ),
        filled(
          "POST",
          "/api/tool-instances/:id/indicators/adoption",
          { id: async () => (await adoptedFixture(cvegeo)).instance },
          liaisonOnly(cvegeo, 201),
          () => ADOPTION,
        ),
        {
          method: "POST",
          url: "/api/tool-instances/:id/indicators/periods/:period/corrections",
          request: async () => ({
            url: `${await periodUrl()}/corrections`,
            payload: {
              values: [{ code: "IND01", value: 6 }],
              reason: "El registro omitió una solicitud.",
              expectedRevision: await sentReport(cvegeo),
            },
          }),
          expect: liaisonOnly(cvegeo, 200),
        },
        filled(
          "GET",
          "/api/tool-instances/:id/indicators/template.xlsx",
          { id: async () => (await adoptedFixture(cvegeo)).instance },
          hidden(signedIn(200)),
        ),
        {
          method: "POST",
          url: "/api/tool-instances/:id/indicators/import",
          request: async () =>
            emptyIndicatorSheet(
              `/api/tool-instances/${(await adoptedFixture(cvegeo)).instance}/indicators/import`,
            ),
          expect: hidden({
            anonymous: 401,
            collaborator: 200,
            liaison: 200,
            reviewer: 403,
            admin: 403,
          }),
        },
        {
          method: "GET",
          url: "/api/tool-instances/:id/indicators/periods/:period",
          request: async () => ({ url: await periodUrl() }),
          expect: hidden(signedIn(200)),
        },
        {
          method: "PUT",
          url: "/api/tool-instances/:id/indicators/periods/:period",
          request: async () => ({
            url: await periodUrl(),
            payload: {
              values: QUARTER_VALUES.slice(0, 2),
              expectedRevision: await draftReport(cvegeo, false),
            },
          }),
          expect: hidden({
            anonymous: 401,
            collaborator: 200,
            liaison: 200,
            reviewer: 403,
            admin: 403,
          }),
        },
        {
          method: "POST",
          url: "/api/tool-instances/:id/indicators/periods/:period/submit",
          request: async () => ({
            url: `${await periodUrl()}/submit`,
            payload: { expectedRevision: await draftReport(cvegeo, true) },
          }),
          expect: liaisonOnly(cvegeo, 200),
        },
        {
          method: "GET",
          url: "/api/public/municipalities/:cvegeo/indicators",
          request: async () => {
            await adoptedFixture(cvegeo);
            return { url: `/api/public/municipalities/${cvegeo}/indicators` };
          },
          expect: everyone(200),
        },
      ];
    }),
  ];
}

/** An M1 cycle of a municipality (cycles 1…n exist since the agreement is from 2022). */
const m1Cycle = (cvegeo: string, cycle: number) => instanceId(ctx, cvegeo, "M1", null, cycle);

const surveyFixtures = new Map<
  string,
  Promise<{ instance: string; token: string; response: string; closable: string }>
>();
/**
 * A municipality's surveys: cycle 1 open with one commented answer (reads, QR, moderation, the
 * public rows), cycle 3 open with one answer (the close row). Cycle 2 stays without a survey.
 */
function surveyFixture(cvegeo: string) {
  let found = surveyFixtures.get(cvegeo);
  if (!found) {
    found = (async () => {
      const liaison = authUser(
        // Not designated: the matrix's liaison keeps its municipality's designation.
        await buildUser(ctx.handle.db, "liaison", { municipality: cvegeo, designated: false }),
        "liaison",
        {
          cvegeo,
          name: "Matriz",
        },
      );
      const answers = { satisfaccion_general: 4, tipo_persona: "ciudadania", canal: "portal" };
      const opened = async (cycle: number) => {
        const instance = await m1Cycle(cvegeo, cycle);
        const survey = await openSurvey(
          ctx.handle.db,
          { instanceId: instance, ownQuestions: [], privacyNotice: undefined },
          liaison,
          SYSTEM_ACTOR,
          new Date(),
        );
        await answerSurvey(
          ctx.handle.db,
          {
            token: survey.token,
            answers: { ...answers, comentario: "Gracias" },
            browserToken: undefined,
            website: undefined,
          },
          new Date(),
        );
        return { instance, token: survey.token, surveyId: survey.id };
      };
      const first = await opened(1);
      const third = await opened(3);
      const [response] = await ctx.handle.db
        .select({ id: surveyResponses.id })
        .from(surveyResponses)
        .where(eq(surveyResponses.surveyId, first.surveyId));
      return {
        instance: first.instance,
        token: first.token,
        response: response?.id ?? "",
        closable: third.instance,
      };
    })();
    surveyFixtures.set(cvegeo, found);
  }
  return found;
}

/** M1 surveys: the liaison runs them; its municipality and staff read them; anyone answers. */
function surveyRows(): Row[] {
  const liaisonOnly = (cvegeo: string, status: number): Record<Actor, number> => ({
    anonymous: 401,
    collaborator: 403,
    liaison: cvegeo === OWN ? status : 404,
    reviewer: 403,
    admin: 403,
  });
  return [
    ...[OWN, OTHER].flatMap((cvegeo): Row[] => {
      const hidden = hiddenOutside(cvegeo);
      const reads = ["", "/qr.png", "/qr.svg", "/poster.pdf"].map(
        (suffix): Row => ({
          method: "GET",
          url: `/api/tool-instances/:id/survey${suffix}`,
          request: async () => ({
            url: `/api/tool-instances/${(await surveyFixture(cvegeo)).instance}/survey${suffix}`,
          }),
          expect: hidden(signedIn(200)),
        }),
      );
      return [
        ...reads,
        {
          method: "POST",
          url: "/api/tool-instances/:id/survey",
          // Each credential opens cycle 2's survey afresh (one survey per cycle).
          request: async () => {
            const instance = await m1Cycle(cvegeo, 2);
            await ctx.handle.db.delete(surveys).where(eq(surveys.toolInstanceId, instance));
            return { url: `/api/tool-instances/${instance}/survey`, payload: {} };
          },
          expect: liaisonOnly(cvegeo, 201),
        },
        {
          method: "POST",
          url: "/api/tool-instances/:id/survey/close",
          // Each credential closes cycle 3's survey, reopened before each request.
          request: async () => {
            const { closable } = await surveyFixture(cvegeo);
            await ctx.handle.db
              .update(surveys)
              .set({ status: "open", closedAt: null, closedBy: null })
              .where(eq(surveys.toolInstanceId, closable));
            return { url: `/api/tool-instances/${closable}/survey/close` };
          },
          expect: liaisonOnly(cvegeo, 200),
        },
        filled(
          "PUT",
          "/api/survey-responses/:id/comment-visibility",
          { id: async () => (await surveyFixture(cvegeo)).response },
          liaisonOnly(cvegeo, 200),
          () => ({ hidden: true }),
        ),
        filled(
          "GET",
          "/api/public/surveys/:token",
          { token: async () => (await surveyFixture(cvegeo)).token },
          everyone(200),
        ),
        {
          method: "POST",
          url: "/api/public/surveys/:token/responses",
          request: async () => ({
            url: `/api/public/surveys/${(await surveyFixture(cvegeo)).token}/responses`,
            payload: {
              answers: { satisfaccion_general: 5, tipo_persona: "academia", canal: "pnt" },
            },
          }),
          expect: everyone(201),
        },
      ];
    }),
  ];
}

/** Dashboards, report cards and regional exports: staff see the region, municipal users their own. */
function progressRows(): Row[] {
  return [
    { method: "GET", url: "/api/dashboard/regional", expect: staffOnly(200) },
    { method: "GET", url: "/api/dashboard/regional/ranking", expect: staffOnly(200) },
    { method: "GET", url: "/api/reports/regional.xlsx", expect: staffOnly(200) },
    { method: "GET", url: "/api/reports/regional.csv", expect: staffOnly(200) },
    ...[OWN, OTHER].map(
      (cvegeo): Row =>
        filled(
          "GET",
          "/api/municipalities/:cvegeo/dashboard",
          { cvegeo },
          (cvegeo === OWN ? ownMunicipality : otherMunicipality)(200),
        ),
    ),
    ...[OWN, OTHER].flatMap((cvegeo): Row[] => {
      const hidden = hiddenOutside(cvegeo);
      return [
        filled(
          "GET",
          "/api/municipalities/:cvegeo/report-cards",
          { cvegeo },
          hidden(signedIn(200)),
        ),
        {
          method: "POST",
          url: "/api/municipalities/:cvegeo/report-cards",
          // Staff issue any municipality's card; of the municipality, only the liaison.
          request: async () => ({ url: `/api/municipalities/${cvegeo}/report-cards` }),
          expect: hidden({
            anonymous: 401,
            collaborator: 403,
            liaison: 201,
            reviewer: 201,
            admin: 201,
          }),
        },
        filled(
          "GET",
          "/api/report-cards/:id/pdf",
          { id: async () => (await issuedCard(cvegeo)).id },
          hidden(signedIn(200)),
        ),
      ];
    }),
    filled(
      "GET",
      "/api/public/report-cards/:code",
      { code: async () => (await issuedCard(OWN)).code },
      everyone(200),
    ),
    // Report cards in batch: staff, as for one card of any municipality; a batch at a time, so
    // each request first lets the previous batch finish.
    { method: "GET", url: "/api/report-card-batches", expect: staffOnly(200) },
    {
      method: "POST",
      url: "/api/report-card-batches",
      request: async () => {
        await settleReportCardBatches();
        return { payload: { scope: "all" } };
      },
      expect: staffOnly(202),
    },
    filled("GET", "/api/report-card-batches/:id", { id: () => finishedBatch() }, staffOnly(200)),
    filled(
      "GET",
      "/api/report-card-batches/:id/zip",
      { id: () => finishedBatch() },
      staffOnly(200),
    ),
  ];
}

/** A batch of every participant's cards an administrator issued, finished; returns its id. */
async function finishedBatch(): Promise<string> {
  await settleReportCardBatches();
  const response = await ctx.app.inject({
    method: "POST",
    url: "/api/report-card-batches",
    headers: sessions.get("admin")?.headers ?? {},
    payload: { scope: "all" },
  });
  expect(response.statusCode).toBe(202);
  await settleReportCardBatches();
  return (JSON.parse(response.body) as { id: string }).id;
}

/** A report card issued by an administrator, for the rows that read one. */
async function issuedCard(cvegeo: string): Promise<{ id: string; code: string }> {
  const response = await ctx.app.inject({
    method: "POST",
    url: `/api/municipalities/${cvegeo}/report-cards`,
    headers: sessions.get("admin")?.headers ?? {},
  });
  return JSON.parse(response.body) as { id: string; code: string };
}

/** Calendars: an action's .ics for whoever may see the action; each person's private feed. */
function calendarRows(): Row[] {
  return [
    ...[OWN, OTHER].map(
      (cvegeo): Row =>
        filled(
          "GET",
          "/api/support-actions/:id/calendar.ics",
          { id: () => supportAction(cvegeo) },
          cvegeo === OWN ? ownMunicipality(200) : otherMunicipality(200),
        ),
    ),
    { method: "GET", url: "/api/calendar/feed", expect: signedIn(200) },
    { method: "POST", url: "/api/calendar/feed", expect: signedIn(200) },
    {
      method: "DELETE",
      url: "/api/calendar/feed",
      // Each actor revokes a feed of their own.
      request: async (actor) => {
        const account = accounts.get(actor);
        if (account) {
          const municipality = account.municipality
            ? { cvegeo: account.municipality, name: "Matriz" }
            : null;
          await createOrRotateFeed(
            ctx.handle.db,
            authUser(account, account.role, municipality),
            SYSTEM_ACTOR,
            new Date(),
          );
        }
        return {};
      },
      expect: signedIn(204),
    },
    {
      method: "GET",
      url: "/api/calendar/:token.ics",
      // No session needed: the address itself is the credential.
      request: async () => ({ url: await calendarFeedPath() }),
      expect: everyone(200),
    },
  ];
}

/** A fresh liaison's private feed address. */
async function calendarFeedPath(): Promise<string> {
  const user = await buildUser(ctx.handle.db, "liaison", { municipality: OWN, designated: false });
  const { token } = await createOrRotateFeed(
    ctx.handle.db,
    authUser(user, "liaison", { cvegeo: OWN, name: "Toluca" }),
    SYSTEM_ACTOR,
    new Date(),
  );
  return `/api/calendar/${token}.ics`;
}

/** The signed-in actor's user id (a random one for anonymous). */
/** Collaborator invitations, reviewer portfolios (issue 17). */
function accountRows(): Row[] {
  const newAddress = () => `m-${Math.random().toString(36).slice(2)}@prueba.mrtm.test`;
  /** Only the designated liaison of OWN; on OTHER its municipal actors get 404 and staff 403. */
  const ownLiaisonOnly = (cvegeo: string, status: number): Record<Actor, number> =>
    hiddenOutside(cvegeo)({
      anonymous: 401,
      collaborator: 403,
      liaison: cvegeo === OWN ? status : 404,
      reviewer: 403,
      admin: 403,
    });
  const reviewerOnly = (status: number): Record<Actor, number> => ({
    ...adminOnly(status),
    admin: 403,
    reviewer: status,
  });
  return [
    ...[OWN, OTHER].flatMap((cvegeo): Row[] => [
      filled(
        "GET",
        "/api/municipalities/:cvegeo/accounts",
        { cvegeo },
        (cvegeo === OWN ? ownMunicipality : otherMunicipality)(200),
      ),
      {
        method: "POST",
        url: "/api/municipalities/:cvegeo/collaborators",
        request: async () => ({
          url: `/api/municipalities/${cvegeo}/collaborators`,
          payload: { email: newAddress(), name: "Colaboradora invitada" },
        }),
        expect: ownLiaisonOnly(cvegeo, 201),
      },
      ...(["deactivate", "reactivate"] as const).map(
        (verb): Row => ({
          method: "POST",
          url: `/api/municipalities/:cvegeo/collaborators/:id/${verb}`,
          request: async () => {
            const collaborator = await buildUser(ctx.handle.db, "collaborator", {
              municipality: cvegeo,
            });
            return {
              url: `/api/municipalities/${cvegeo}/collaborators/${collaborator.id}/${verb}`,
            };
          },
          expect: ownLiaisonOnly(cvegeo, 200),
        }),
      ),
    ]),
    { method: "GET", url: "/api/reviewer-portfolios", expect: adminOnly(200) },
    filled(
      "PUT",
      "/api/reviewer-portfolios/:id",
      { id: async () => (await freshUser()).id },
      adminOnly(200),
      () => ({ municipalities: [OWN] }),
    ),
    { method: "GET", url: "/api/reviewer-portfolios/me", expect: reviewerOnly(200) },
    {
      method: "GET",
      url: "/api/my-work/municipality",
      expect: { ...signedIn(200), reviewer: 403, admin: 403 },
    },
    { method: "GET", url: "/api/my-work/review", expect: staffOnly(200) },
    { method: "GET", url: "/api/my-work/admin", expect: adminOnly(200) },
    {
      method: "PUT",
      url: "/api/reviewer-portfolios/me",
      request: async () => ({ payload: { notifyUnassigned: false } }),
      expect: reviewerOnly(200),
    },
    { method: "GET", url: "/api/announcements", expect: signedIn(200) },
    { method: "GET", url: "/api/announcements/unread", expect: signedIn(200) },
    {
      method: "POST",
      url: "/api/announcements",
      request: async () => ({ payload: ANNOUNCEMENT_TO_OWN }),
      expect: staffOnly(201),
    },
    {
      // Sent to OWN's designated liaison: anyone else it was not sent to but staff gets 404.
      method: "GET",
      url: "/api/announcements/:id",
      request: async () => ({ url: `/api/announcements/${await sentAnnouncement()}` }),
      expect: { ...signedIn(200), collaborator: 404 },
    },
    filled(
      "POST",
      "/api/announcements/:id/read",
      { id: () => sentAnnouncement() },
      { anonymous: 401, collaborator: 404, liaison: 200, reviewer: 404, admin: 404 },
    ),
  ];
}

const ANNOUNCEMENT_TO_OWN = {
  title: "Aviso de prueba",
  body: "Texto del aviso.",
  audience: "municipalities",
  municipalities: [OWN],
};

/** An announcement an administrator sent to OWN's liaison; returns its id. */
async function sentAnnouncement(): Promise<string> {
  const response = await ctx.app.inject({
    method: "POST",
    url: "/api/announcements",
    headers: sessions.get("admin")?.headers ?? {},
    payload: ANNOUNCEMENT_TO_OWN,
  });
  expect(response.statusCode).toBe(201);
  return (JSON.parse(response.body) as { id: string }).id;
}

async function actorId(actor: Actor): Promise<string> {
  const session = sessions.get(actor);
  if (!session) {
    return (await freshUser()).id;
  }
  const me = await ctx.app.inject({
    method: "GET",
    url: "/api/auth/me",
    headers: { cookie: session.cookie },
  });
  return (JSON.parse(me.body) as { user: { id: string } }).user.id;
}

/** A new notification (with its e-mail in the outbox) for a user; returns its id. */
async function notificationFor(userId: string): Promise<string> {
  const dedupeKey = `matriz-${Math.random().toString(36).slice(2)}`;
  await ctx.handle.db.transaction((tx) =>
    notify(tx, [
      { userId, kind: "overdue_digest", title: "Aviso", body: "Texto", link: "/", dedupeKey },
    ]),
  );
  const [row] = await ctx.handle.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.dedupeKey, dedupeKey)));
  return row?.id ?? "";
}

async function outboxMessage(): Promise<string> {
  const notificationId = await notificationFor((await freshUser()).id);
  const [row] = await ctx.handle.db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(eq(mailOutbox.notificationId, notificationId));
  return row?.id ?? "";
}

/** A project card of a municipality, written by one of its liaisons through the service. */
async function projectCardOf(cvegeo: string): Promise<string> {
  const liaison = await buildUser(ctx.handle.db, "liaison", {
    municipality: cvegeo,
    designated: false,
  });
  return createProjectCard(ctx.handle.db, cvegeo, PROJECT_CARD, {
    user: authUser(liaison, "liaison", { cvegeo, name: cvegeo }),
    actor: SYSTEM_ACTOR,
    now: new Date(),
  });
}

/** E4 project cards and M4 improvement plans: the municipality writes, staff read, nobody else. */
/** An action of a municipality's improvement plan, written by one of its liaisons. */
async function improvementActionOf(cvegeo: string): Promise<string> {
  const liaison = await buildUser(ctx.handle.db, "liaison", {
    municipality: cvegeo,
    designated: false,
  });
  return createImprovementAction(ctx.handle.db, cvegeo, IMPROVEMENT_ACTION, {
    user: authUser(liaison, "liaison", { cvegeo, name: cvegeo }),
    actor: SYSTEM_ACTOR,
    now: new Date(),
  });
}

const IMPROVEMENT_ACTION = {
  description: "Publicar el plan de difusión",
  targetKind: "tool_gap" as const,
  toolCode: "C1",
  observationId: null,
  finding: null,
  owner: "Unidad de Transparencia",
  dueOn: "2027-03-31",
};

/** The current revision of a municipality's C3 draft (0 before its first save). */
async function c3Revision(cvegeo: string): Promise<number> {
  const [row] = await ctx.handle.db
    .select({ revision: documentDrafts.revision })
    .from(documentDrafts)
    .where(eq(documentDrafts.toolInstanceId, await instanceOf(cvegeo, "C3")));
  return row?.revision ?? 0;
}

/** A municipality's C3 draft, saved once by one of its collaborators if nobody has yet. */
async function c3Draft(cvegeo: string): Promise<string> {
  const instance = await instanceOf(cvegeo, "C3");
  if ((await c3Revision(cvegeo)) === 0) {
    const writer = await buildUser(ctx.handle.db, "collaborator", { municipality: cvegeo });
    await saveDraft(
      ctx.handle.db,
      instance,
      { content: { sections: {} }, expectedRevision: 0 },
      {
        user: authUser(writer, "collaborator", { cvegeo, name: cvegeo }),
        actor: SYSTEM_ACTOR,
        now: new Date(),
      },
    );
  }
  return instance;
}

/** Guided documents (C3: the other rows submit C2): the municipality's team drafts, staff read; nobody else sees a draft. */
function draftRows(): Row[] {
  return [OWN, OTHER].flatMap((cvegeo): Row[] => {
    const hidden = hiddenOutside(cvegeo);
    const teamWrites = (status: number) =>
      hidden({ anonymous: 401, collaborator: status, liaison: status, reviewer: 403, admin: 403 });
    return [
      filled(
        "GET",
        "/api/tool-instances/:id/draft",
        { id: () => c3Draft(cvegeo) },
        hidden(signedIn(200)),
      ),
      {
        method: "PUT",
        url: "/api/tool-instances/:id/draft",
        request: async () => ({
          url: `/api/tool-instances/${await c3Draft(cvegeo)}/draft`,
          payload: {
            content: { sections: { publicos: { kind: "list", items: [] } } },
            expectedRevision: await c3Revision(cvegeo),
          },
        }),
        // A well-formed request the template refuses: proves the team reaches the rules.
        expect: teamWrites(400),
      },
      {
        method: "PUT",
        url: "/api/tool-instances/:id/draft",
        request: async () => ({
          url: `/api/tool-instances/${await c3Draft(cvegeo)}/draft`,
          payload: { content: { sections: {} }, expectedRevision: await c3Revision(cvegeo) },
        }),
        expect: teamWrites(200),
      },
      filled(
        "POST",
        "/api/tool-instances/:id/draft/comments",
        { id: () => c3Draft(cvegeo) },
        teamWrites(201),
        () => ({ sectionKey: "publicos", body: "Revisar horarios" }),
      ),
      ...["docx", "pdf"].map(
        (format): Row => ({
          method: "GET",
          url: `/api/tool-instances/:id/draft/${format}`,
          request: async () => ({
            url: `/api/tool-instances/${await c3Draft(cvegeo)}/draft/${format}`,
          }),
          expect: hidden(signedIn(200)),
        }),
      ),
    ];
  });
}

/** A service context acting for a municipality: a new collaborator account, acting in `role`. */
async function actingFor(cvegeo: string, role: Role) {
  // Built as a collaborator so that no designation changes hands; the service trusts `role`.
  const person = await buildUser(ctx.handle.db, "collaborator", { municipality: cvegeo });
  return {
    user: authUser(person, role, { cvegeo, name: cvegeo }),
    actor: SYSTEM_ACTOR,
    now: new Date(),
  };
}

/** A training recorded in a municipality's R2 register. */
async function trainingOf(cvegeo: string): Promise<string> {
  const r2 = await instanceOf(cvegeo, "R2");
  return recordTraining(
    ctx.handle.db,
    r2,
    {
      heldOn: "2025-06-01",
      topic: "Acceso a la información",
      hours: 2,
      audience: "Tesorería",
      peopleTrained: 10,
      evidence: "",
    },
    await actingFor(cvegeo, "collaborator"),
  );
}

const consultationsOpened = new Map<string, Promise<{ instance: string; token: string }>>();
/**
 * A municipality's M3 consultation, opened once on a saved draft, and open again if a row closed
 * it (each request of the closing row closes it anew).
 */
async function consultationOf(cvegeo: string): Promise<{ instance: string; token: string }> {
  const found = await openedConsultationOf(cvegeo);
  await ctx.handle.db
    .update(consultations)
    .set({ closedAt: null, closedBy: null })
    .where(eq(consultations.toolInstanceId, found.instance));
  return found;
}

function openedConsultationOf(cvegeo: string): Promise<{ instance: string; token: string }> {
  let opened = consultationsOpened.get(cvegeo);
  if (!opened) {
    opened = (async () => {
      const instance = await instanceOf(cvegeo, "M3");
      await saveDraft(
        ctx.handle.db,
        instance,
        { content: { sections: {} }, expectedRevision: 0 },
        await actingFor(cvegeo, "collaborator"),
      );
      await openConsultation(ctx.handle.db, instance, await actingFor(cvegeo, "liaison"));
      const [row] = await ctx.handle.db
        .select({ token: consultations.token })
        .from(consultations)
        .where(eq(consultations.toolInstanceId, instance));
      return { instance, token: row?.token ?? "" };
    })();
    consultationsOpened.set(cvegeo, opened);
  }
  return opened;
}

/** A new citizen's comment on a municipality's consultation. */
async function consultationCommentOf(cvegeo: string): Promise<string> {
  const { token } = await consultationOf(cvegeo);
  await commentOnConsultation(
    ctx.handle.db,
    { token, sectionKey: null, body: "¿Y el presupuesto?", name: "" },
    SYSTEM_ACTOR,
    new Date(),
  );
  const [row] = await ctx.handle.db
    .select({ id: consultationComments.id })
    .from(consultationComments)
    .where(eq(consultationComments.municipalityCvegeo, cvegeo))
    .orderBy(desc(consultationComments.createdAt))
    .limit(1);
  return row?.id ?? "";
}

/**
 * R2/R3 training registers (the team writes, staff read) and M3's consultation (the designated
 * liaison opens, moderates and closes; anyone reads and comments through the public token).
 */
function guidedRecordRows(): Row[] {
  return [OWN, OTHER].flatMap((cvegeo): Row[] => {
    const hidden = hiddenOutside(cvegeo);
    const team = (status: number) =>
      hidden({ anonymous: 401, collaborator: status, liaison: status, reviewer: 403, admin: 403 });
    const liaison = (status: number) =>
      hidden({ anonymous: 401, collaborator: 403, liaison: status, reviewer: 403, admin: 403 });
    return [
      filled(
        "GET",
        "/api/tool-instances/:id/trainings",
        { id: () => instanceOf(cvegeo, "R2") },
        hidden(signedIn(200)),
      ),
      {
        method: "POST",
        url: "/api/tool-instances/:id/trainings",
        request: async () => ({
          url: `/api/tool-instances/${await instanceOf(cvegeo, "R2")}/trainings`,
          payload: {
            heldOn: "2025-05-01",
            topic: "Gestión documental",
            hours: 1.5,
            audience: "Archivo",
            peopleTrained: 6,
          },
        }),
        expect: team(201),
      },
      {
        method: "PUT",
        url: "/api/trainings/:id",
        request: async () => ({
          url: `/api/trainings/${await trainingOf(cvegeo)}`,
          payload: {
            heldOn: "2025-06-02",
            topic: "Acceso a la información",
            hours: 2,
            audience: "Tesorería",
            peopleTrained: 11,
          },
        }),
        expect: team(200),
      },
      filled("DELETE", "/api/trainings/:id", { id: () => trainingOf(cvegeo) }, team(200)),
      filled(
        "GET",
        "/api/tool-instances/:id/consultation",
        { id: async () => (await consultationOf(cvegeo)).instance },
        hidden(signedIn(200)),
      ),
      {
        method: "POST",
        url: "/api/tool-instances/:id/consultation",
        request: async () => ({
          url: `/api/tool-instances/${(await consultationOf(cvegeo)).instance}/consultation`,
        }),
        // Already open: the 409 proves the liaison passed authorisation.
        expect: liaison(409),
      },
      filled(
        "PUT",
        "/api/consultation-comments/:id",
        { id: () => consultationCommentOf(cvegeo) },
        liaison(200),
        () => ({ decision: "publish", answer: "Está en la sección de resultados." }),
      ),
      filled(
        "GET",
        "/api/public/consultations/:token",
        { token: async () => (await consultationOf(cvegeo)).token },
        everyone(200),
      ),
      filled(
        "POST",
        "/api/public/consultations/:token/comments",
        { token: async () => (await consultationOf(cvegeo)).token },
        everyone(201),
        () => ({ body: "Gracias por el informe." }),
      ),
      filled(
        "POST",
        "/api/tool-instances/:id/consultation/close",
        { id: async () => (await consultationOf(cvegeo)).instance },
        liaison(200),
      ),
    ];
  });
}

function planRows(): Row[] {
  const overview: Row = {
    method: "GET",
    url: "/api/improvement-plans/overview",
    expect: staffOnly(200),
  };
  return [
    overview,
    ...[OWN, OTHER].flatMap((cvegeo): Row[] => {
      const hidden = hiddenOutside(cvegeo);
      const municipalWrites = (status: number) =>
        hidden({
          anonymous: 401,
          collaborator: status,
          liaison: status,
          reviewer: 403,
          admin: 403,
        });
      return [
        filled(
          "GET",
          "/api/municipalities/:cvegeo/project-cards",
          { cvegeo },
          hidden(signedIn(200)),
        ),
        filled(
          "POST",
          "/api/municipalities/:cvegeo/project-cards",
          { cvegeo },
          municipalWrites(201),
          () => PROJECT_CARD,
        ),
        filled(
          "GET",
          "/api/project-cards/:id",
          { id: () => projectCardOf(cvegeo) },
          hidden(signedIn(200)),
        ),
        filled(
          "PUT",
          "/api/project-cards/:id",
          { id: () => projectCardOf(cvegeo) },
          municipalWrites(200),
          () => ({ ...PROJECT_CARD, progress: 10, status: "in_progress", expectedRevision: 0 }),
        ),
        filled(
          "GET",
          "/api/project-cards/:id/pdf",
          { id: () => projectCardOf(cvegeo) },
          hidden(signedIn(200)),
        ),
        ...["improvement-plan", "improvement-plan.pdf"].map(
          (path): Row => ({
            method: "GET",
            url: `/api/municipalities/:cvegeo/${path}`,
            request: async () => ({ url: `/api/municipalities/${cvegeo}/${path}` }),
            expect: hidden(signedIn(200)),
          }),
        ),
        filled(
          "POST",
          "/api/municipalities/:cvegeo/improvement-actions",
          { cvegeo },
          municipalWrites(201),
          () => IMPROVEMENT_ACTION,
        ),
        filled(
          "POST",
          "/api/municipalities/:cvegeo/improvement-plan/proposals",
          { cvegeo },
          municipalWrites(201),
        ),
        filled(
          "GET",
          "/api/improvement-actions/:id",
          { id: () => improvementActionOf(cvegeo) },
          hidden(signedIn(200)),
        ),
        filled(
          "PUT",
          "/api/improvement-actions/:id",
          { id: () => improvementActionOf(cvegeo) },
          municipalWrites(200),
          () => ({ ...IMPROVEMENT_ACTION, status: "in_progress", expectedRevision: 0 }),
        ),
        {
          method: "POST",
          url: "/api/improvement-actions/:id/evidence",
          request: async () =>
            upload(
              `/api/improvement-actions/${await improvementActionOf(cvegeo)}/evidence`,
              "acta.png",
            ),
          expect: municipalWrites(200),
        },
        // No file attached yet: whoever may see the action gets the rule's 404.
        filled(
          "GET",
          "/api/improvement-actions/:id/evidence",
          { id: () => improvementActionOf(cvegeo) },
          signedIn(404),
        ),
      ];
    }),
  ];
}

/** Support actions and their commitments: staff write; a municipality reads what invites it. */
function supportActionRows(): Row[] {
  const action = (path: string, status?: "held" | "cancelled") => async () =>
    `/api/support-actions/${await supportAction(OWN, status)}${path}`;
  /** A write on a support action of OWN (brought to a status first) with a JSON payload. */
  const actionRow = (
    method: string,
    path: string,
    payload: unknown,
    expected: Record<Actor, number>,
    status?: "held" | "cancelled",
  ): Row => ({
    method,
    url: `/api/support-actions/:id${path}`,
    request: async () => ({ url: await action(path, status)(), payload }),
    expect: expected,
  });
  return [
    { method: "GET", url: "/api/support-actions", expect: signedIn(200) },
    {
      method: "POST",
      url: "/api/support-actions",
      request: async () => ({
        payload: {
          type: "training",
          title: "Capacitación de la matriz",
          date: "2025-01-15",
          time: "10:00",
          durationMinutes: 60,
          modality: "in_person",
          place: "Sala",
          facilitatorIds: [(await freshUser()).id],
          tools: ["E2"],
          invited: [OWN, OTHER],
        },
      }),
      expect: staffOnly(201),
    },
    { method: "GET", url: "/api/support-actions/staff", expect: staffOnly(200) },
    { method: "GET", url: "/api/support-actions/suggestions", expect: staffOnly(200) },
    { method: "GET", url: "/api/support-actions/effectiveness", expect: staffOnly(200) },
    { method: "GET", url: "/api/commitments", expect: signedIn(200) },
    ...[OWN, OTHER].flatMap((cvegeo): Row[] => {
      const visible = cvegeo === OWN ? ownMunicipality : otherMunicipality;
      return [
        filled(
          "GET",
          "/api/support-actions/:id",
          { id: () => supportAction(cvegeo) },
          visible(200),
        ),
        filled(
          "GET",
          "/api/support-actions/:id/minutes/file",
          { id: () => supportAction(cvegeo, "held", true) },
          visible(200),
        ),
        {
          method: "PUT",
          url: "/api/commitments/:id/status",
          // The owning municipality's liaison closes its commitment; its collaborator may not.
          request: async () => ({
            url: `/api/commitments/${await commitmentOf(cvegeo)}/status`,
            payload: { status: "closed", note: "Cumplido" },
          }),
          expect:
            cvegeo === OWN
              ? { anonymous: 401, collaborator: 403, liaison: 200, reviewer: 200, admin: 200 }
              : visible(200),
        },
      ];
    }),
    actionRow("PATCH", "", { title: "Otro título", expectedRevision: 0 }, staffOnly(200)),
    actionRow("POST", "/cancel", { reason: "Sin sala", expectedRevision: 0 }, staffOnly(200)),
    actionRow(
      "POST",
      "/reschedule",
      { date: "2030-01-15", time: "10:00", expectedRevision: 1 },
      staffOnly(200),
      "cancelled",
    ),
    actionRow("POST", "/held", { heldOn: "2025-01-15", expectedRevision: 0 }, staffOnly(200)),
    actionRow(
      "PUT",
      "/minutes",
      { minutes: "Acuerdos de la reunión", expectedRevision: 1 },
      staffOnly(200),
      "held",
    ),
    {
      method: "POST",
      url: "/api/support-actions/:id/minutes/file",
      request: async () => upload(await action("/minutes/file", "held")(), "acta.png"),
      expect: staffOnly(200),
    },
    actionRow(
      "POST",
      "/attendees",
      { municipality: OWN, name: "Ana López", position: "Enlace" },
      staffOnly(201),
      "held",
    ),
    {
      method: "DELETE",
      url: "/api/support-actions/:id/attendees/:attendeeId",
      request: async () => {
        const id = await supportAction(OWN, "held");
        const attendeeId = await addAttendee(
          ctx.handle.db,
          id,
          { municipality: OWN, name: "Ana López", position: "Enlace" },
          await staffUser(),
          SYSTEM_ACTOR,
        );
        return { url: `/api/support-actions/${id}/attendees/${attendeeId}` };
      },
      expect: staffOnly(200),
    },
    actionRow(
      "POST",
      "/commitments",
      { description: "Enviar el borrador", municipality: OWN, dueOn: "2025-02-01" },
      staffOnly(201),
      "held",
    ),
  ];
}

/** A new evidence version of a municipality's R4 (a draft, never sent), public or not. */
async function evidenceDraft(cvegeo: string, isPublic: boolean): Promise<string> {
  const id = await addEvidenceRow(
    ctx.handle.db,
    uploadTargets.get(cvegeo) ?? "",
    (await freshUser()).id,
  );
  await ctx.handle.db.update(evidenceFiles).set({ isPublic }).where(eq(evidenceFiles.id, id));
  return id;
}

const inReview = new Map<string, Promise<string>>();
/** A public file of a municipality's C2, sent to review once (the reviewer's public toggle). */
function fileInReview(cvegeo: string): Promise<string> {
  let found = inReview.get(cvegeo);
  if (!found) {
    found = (async () => {
      const instance = await instanceOf(cvegeo, "C2");
      const liaison = await buildUser(ctx.handle.db, "liaison", {
        municipality: cvegeo,
        designated: false,
      });
      const id = await addEvidenceRow(ctx.handle.db, instance, liaison.id);
      await ctx.handle.db
        .update(toolInstances)
        .set({ state: "in_progress" })
        .where(eq(toolInstances.id, instance));
      await submitInstance(
        ctx.handle.db,
        instance,
        authUser(liaison, "liaison", { cvegeo, name: "Matriz" }),
        SYSTEM_ACTOR,
        new Date(),
      );
      return id;
    })();
    inReview.set(cvegeo, found);
  }
  return found;
}

async function staffUser(): Promise<AuthUser> {
  return authUser(await freshUser(), "reviewer");
}

/** A past working meeting inviting one municipality, brought to a status; returns its id. */
async function supportAction(
  cvegeo: string,
  status: "planned" | "held" | "cancelled" = "planned",
  withMinutesFile = false,
): Promise<string> {
  const user = await staffUser();
  const now = new Date();
  const id = await createSupportAction(
    ctx.handle.db,
    {
      type: "working_meeting",
      title: "Reunión de la matriz",
      description: "",
      date: "2025-01-15",
      time: "10:00",
      durationMinutes: 60,
      modality: "virtual",
      place: null,
      link: "https://reuniones.example.org/matriz",
      facilitatorIds: [user.id],
      tools: ["E2"],
      invited: [cvegeo],
    },
    user,
    SYSTEM_ACTOR,
    now,
  );
  if (status === "cancelled") {
    await cancelSupportAction(
      ctx.handle.db,
      id,
      { reason: "Sin sala", expectedRevision: 0 },
      user,
      SYSTEM_ACTOR,
      now,
    );
  }
  if (status === "held") {
    await markSupportActionHeld(
      ctx.handle.db,
      id,
      { heldOn: "2025-01-15", expectedRevision: 0 },
      user,
      SYSTEM_ACTOR,
      now,
    );
  }
  if (withMinutesFile) {
    await attachMinutesFile(
      ctx.handle.db,
      ctx.app.deps.blobs,
      {
        id,
        file: Readable.from([SAMPLE_PNG]),
        fileName: "acta.png",
        maxBytes: 1_000_000,
        tempDir: ctx.config.uploadTempDir,
      },
      user,
      SYSTEM_ACTOR,
      now,
    );
  }
  return id;
}

/** An open commitment owned by a municipality, of a held action that invited it. */
async function commitmentOf(cvegeo: string): Promise<string> {
  return addCommitment(
    ctx.handle.db,
    await supportAction(cvegeo, "held"),
    {
      description: "Enviar el borrador",
      municipality: cvegeo,
      ownerUserId: null,
      ownerName: "",
      dueOn: "2025-02-01",
    },
    await staffUser(),
    SYSTEM_ACTOR,
    new Date(),
  );
}

const agreementIds = new Map<string, string>();
const instanceIds = new Map<string, string>();
/** R4 of each municipality receives the upload rows; one evidence file each for the downloads. */
const uploadTargets = new Map<string, string>();
const evidenceIds = new Map<string, string>();
const designationIds = new Map<string, string>();
/** Terms recorded by the administration rows, so that each starts after the last. */
let administrationsRecorded = 0;
/** A ratification of each municipality's agreement, with its document, for the download rows. */
const ratificationIds = new Map<string, string>();

beforeAll(async () => {
  // The matrix sends every route's token requests within seconds: past the default per-minute
  // limit of a token on a fast machine, which would answer 429 instead of the outcome checked.
  ctx = await createTestContext({ apiTokenMaxPerMinute: 100_000 });
  nextMunicipality = 1;
  for (const cvegeo of [OWN, OTHER]) {
    agreementIds.set(
      cvegeo,
      await registerAgreement(
        ctx.handle.db,
        { municipality: cvegeo, signedOn: "2022-11-16", cohort: "Cohorte 2022" },
        SYSTEM_ACTOR,
        new Date(),
      ),
    );
    instanceIds.set(cvegeo, await instanceOf(cvegeo, "E2"));
    uploadTargets.set(cvegeo, await instanceOf(cvegeo, "R4"));
    const m4 = await instanceOf(cvegeo, "M4");
    const uploader = await signIn(
      ctx.app,
      await buildUser(ctx.handle.db, "collaborator", { municipality: cvegeo }),
    );
    const uploaded = await postFile(
      ctx.app,
      `/api/tool-instances/${m4}/evidence`,
      uploader,
      "informe.png",
      SAMPLE_PNG,
    );
    evidenceIds.set(
      cvegeo,
      (JSON.parse(uploaded.body) as { evidence: { id: string }[] }).evidence[0]?.id ?? "",
    );
    // A designation with its letter, and the signed agreement, for the document rows.
    const liaison = await buildUser(ctx.handle.db, "liaison", {
      municipality: cvegeo,
      designated: false,
    });
    await designateLiaison(
      ctx.handle.db,
      { municipality: cvegeo, userId: liaison.id, designatedOn: "2022-11-20" },
      SYSTEM_ACTOR,
      new Date(),
    );
    const [designation] = await ctx.handle.db
      .select()
      .from(liaisonDesignations)
      .where(eq(liaisonDesignations.municipalityCvegeo, cvegeo));
    designationIds.set(cvegeo, designation?.id ?? "");
    const ratification = await recordAgreementChange(
      ctx.handle.db,
      agreementIds.get(cvegeo) ?? "",
      { kind: "ratification", effectiveOn: "2025-01-10", reason: "" },
      SYSTEM_ACTOR,
      new Date(),
    );
    ratificationIds.set(cvegeo, ratification);
    for (const [owner, kind] of [
      [agreementIds.get(cvegeo) ?? "", "agreement"],
      [designation?.id ?? "", "designation_letter"],
      [ratification, "agreement_change"],
    ] as const) {
      await attachDocument(
        ctx.handle.db,
        ctx.app.deps.blobs,
        {
          kind,
          ownerId: owner,
          file: Readable.from([SAMPLE_PNG]),
          fileName: "documento.png",
          maxBytes: 1_000_000,
          tempDir: ctx.config.uploadTempDir,
        },
        authUser(liaison, "admin"),
        SYSTEM_ACTOR,
        new Date(),
      );
    }
  }
  sessions.set("anonymous", null);
  for (const role of ["collaborator", "liaison", "reviewer", "admin"] as const) {
    const account = await buildUser(ctx.handle.db, role);
    const session = await signIn(ctx.app, account);
    accounts.set(role, account);
    sessions.set(role, session);
    tokens.set(role, {
      write: await createToken(ctx.app, session, "write", { name: "Matriz (escritura)" }),
      read: await createToken(ctx.app, session, "read", { name: "Matriz (lectura)" }),
    });
  }
});

/** The headers of an actor's request through one credential. */
function credentialHeaders(actor: Actor, credential: Credential): Record<string, string> {
  if (credential === "session") {
    return sessions.get(actor)?.headers ?? {};
  }
  return tokens.get(actor)?.[credential].headers ?? {};
}
afterAll(() => ctx.app.close());

describe("authorization matrix", () => {
  for (const row of ROWS) {
    it(`${row.method} ${row.url}${row.request && row.url.includes(":cvegeo") ? " (own and other municipality rows)" : ""}: ${ACTORS.map((a) => `${a} ${row.expect[a]}`).join(", ")}`, async () => {
      const outcomes: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const actor of ACTORS) {
        for (const credential of actor === "anonymous" ? ["session" as const] : CREDENTIALS) {
          const key = credential === "session" ? actor : `${actor} (token ${credential})`;
          expected[key] = expectedThrough(row, credential, row.expect[actor]);
          const built = row.request ? await row.request(actor) : {};
          const response = await ctx.app.inject({
            method: row.method as "GET",
            url: built.url ?? row.url,
            payload: built.payload as string | undefined,
            headers: { ...credentialHeaders(actor, credential), ...(built.headers ?? {}) },
          });
          const code = response.statusCode === 403 ? response.json().error.code : "";
          outcomes[key] =
            credential !== "session" && ["session_required", "token_read_only"].includes(code)
              ? `403 ${code}`
              : String(response.statusCode);
          const account = accounts.get(actor);
          if (row.url === "/api/auth/logout" && credential === "session" && account) {
            // Logging out ended this actor's session: sign in again for the rows that follow.
            sessions.set(actor, await signIn(ctx.app, account));
          }
        }
      }
      expect(outcomes).toEqual(expected);
    });
  }

  it("gives a session with a temporary password only itself, the password change and sign-out", async () => {
    // An admin may call every signed-in route, so every 403 here comes from the temporary password.
    const { temporaryPassword } = await createUser(
      ctx.handle.db,
      {
        email: "temporal@prueba.mrtm.test",
        name: "Persona temporal",
        role: "admin",
        municipality: null,
      },
      SYSTEM_ACTOR,
    );
    const session = await signIn(ctx.app, {
      email: "temporal@prueba.mrtm.test",
      password: temporaryPassword ?? "",
    });
    const allowed = new Set([
      "GET /api/auth/session",
      "GET /api/auth/me",
      "POST /api/auth/password",
      "POST /api/auth/logout",
    ]);
    const refused: string[] = [];
    const leaked: string[] = [];
    for (const row of ROWS) {
      const key = `${row.method} ${row.url}`;
      if (allowed.has(key) || row.expect.anonymous !== 401) {
        continue;
      }
      const built = row.request ? await row.request("admin") : {};
      const response = await ctx.app.inject({
        method: row.method as "GET",
        url: built.url ?? row.url,
        payload: built.payload as string | undefined,
        headers: { ...session.headers, ...(built.headers ?? {}) },
      });
      const code = response.statusCode === 403 ? response.json().error.code : null;
      (code === "password_change_required" ? refused : leaked).push(
        `${key} ${response.statusCode}`,
      );
    }
    expect(leaked).toEqual([]);
    expect(refused.length).toBeGreaterThan(100);
    const me = await ctx.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: session.headers,
    });
    expect(me.json().user.mustChangePassword).toBe(true);
  });

  it("has a row for every API route the server registers", () => {
    const covered = new Set(ROWS.map((row) => `${row.method} ${row.url}`));
    const missing = ctx.app.routeList
      .filter((route) => route.url.startsWith("/api/") && !route.url.startsWith("/api/docs"))
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => !covered.has(key));
    expect(missing).toEqual([]);
  });
});
