/**
 * Races: the same write sent at once by several people (or tabs, or a double click), with real
 * concurrency — every request of a round is in flight together (Promise.all of app.inject), and on
 * PostgreSQL (TEST_DATABASE_URL) each runs in its own transaction on its own pooled connection.
 * Where one must win, exactly one does and the others get 409; nothing is recorded twice.
 * (The double-clicked submit and two reviewers deciding at once are also in review.test.ts.)
 */
import { and, count, eq, isNull, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { CreateSupportActionRequest, SupportActionDetail } from "../../contracts/support.js";
import {
  agreements,
  auditEvents,
  evidenceFiles,
  liaisonDesignations,
  reviews,
  submissions,
  supportActions,
  toolInstances,
  users,
} from "../db/schema/index.js";
import { SYSTEM_ACTOR } from "../lib/audit.js";
import { registerAgreement } from "../modules/agreements/service.js";
import { errorCode, json, setUpTestApp } from "../test/app.js";
import { buildUser, type Session, signedIn, signIn, type TestUser } from "../test/factories.js";
import { ECATEPEC, METEPEC, TOLUCA } from "../test/municipalities.js";
import { instanceId } from "../test/progress.js";
import { samplePdf } from "../test/samples.js";

const ctx = setUpTestApp();
let admin: Session;
let reviewers: Session[];
let reviewerUser: TestUser;
let liaison: { user: TestUser; session: Session };

beforeAll(async () => {
  for (const municipality of [TOLUCA, METEPEC]) {
    await registerAgreement(
      ctx.handle.db,
      { municipality, signedOn: "2022-11-16", cohort: "Cohorte 2022" },
      SYSTEM_ACTOR,
      new Date(),
    );
  }
  admin = (await signedIn(ctx.app, "admin")).session;
  const first = await signedIn(ctx.app, "reviewer");
  reviewerUser = first.user;
  reviewers = [
    first.session,
    admin,
    (await signedIn(ctx.app, "reviewer")).session,
    (await signedIn(ctx.app, "reviewer")).session,
  ];
  liaison = await signedIn(ctx.app, "liaison", { municipality: TOLUCA });
});

const post = (url: string, session: Session, payload?: unknown) =>
  ctx.app.inject({ method: "POST", url, headers: session.headers, payload: payload as object });

const statuses = (responses: { statusCode: number }[]) =>
  responses.map((r) => r.statusCode).sort((a, b) => a - b);

async function upload(id: string, session: Session, file: Buffer, name = "politica.pdf") {
  return ctx.upload(`/api/tool-instances/${id}/evidence`, session, name, file);
}

/** How many rows of a table meet the condition. */
async function rowCount(table: PgTable, where: SQL | undefined): Promise<number> {
  const [row] = await ctx.handle.db.select({ n: count() }).from(table).where(where);
  return row?.n ?? 0;
}

const auditCount = (action: string, entityId: string) =>
  rowCount(auditEvents, and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));

describe("concurrent submissions of one instance", () => {
  it("records exactly one submission when six requests from two tabs arrive together", async () => {
    const id = await instanceId(ctx, TOLUCA, "E2");
    expect((await upload(id, liaison.session, await samplePdf())).statusCode).toBe(201);
    const otherTab = await signIn(ctx.app, liaison.user);
    const responses = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        post(`/api/tool-instances/${id}/submit`, i % 2 ? otherTab : liaison.session),
      ),
    );
    expect(statuses(responses)).toEqual([200, 409, 409, 409, 409, 409]);
    for (const lost of responses.filter((r) => r.statusCode === 409)) {
      expect(errorCode(lost)).toBe("conflict");
    }
    expect(await rowCount(submissions, eq(submissions.toolInstanceId, id))).toBe(1);
    expect(await auditCount("tool_instance.submitted", id)).toBe(1);
    const [instance] = await ctx.handle.db
      .select()
      .from(toolInstances)
      .where(eq(toolInstances.id, id));
    expect(instance?.state).toBe("submitted");
  });
});

describe("concurrent reviews of one instance", () => {
  it("lets exactly one of four reviewers decide; the others get 409 and nothing of theirs is kept", async () => {
    const id = await instanceId(ctx, TOLUCA, "E2");
    const [instance] = await ctx.handle.db
      .select()
      .from(toolInstances)
      .where(eq(toolInstances.id, id));
    const expectedVersion = instance?.version ?? 0;
    const responses = await Promise.all(
      reviewers.map((session, i) =>
        post(
          `/api/tool-instances/${id}/review`,
          session,
          i % 2
            ? { decision: "validate", expectedVersion }
            : {
                decision: "request_changes",
                expectedVersion,
                observations: [{ type: "observacion", text: `Observación del revisor ${i}.` }],
              },
        ),
      ),
    );
    expect(statuses(responses)).toEqual([200, 409, 409, 409]);
    expect(await rowCount(reviews, eq(reviews.toolInstanceId, id))).toBe(1);
    const decided =
      (await auditCount("tool_instance.validated", id)) +
      (await auditCount("tool_instance.changes_requested", id));
    expect(decided).toBe(1);
    const [after] = await ctx.handle.db
      .select()
      .from(toolInstances)
      .where(eq(toolInstances.id, id));
    expect(["validated", "changes_requested"]).toContain(after?.state);
    expect(after?.version).toBe(expectedVersion + 1);
  });
});

describe("two concurrent uploads of the same file to one instance", () => {
  it("keeps both as distinct versions (uploads are never deduplicated), each readable", async () => {
    const id = await instanceId(ctx, TOLUCA, "R2");
    const file = await samplePdf("Acta de instalación del Comité de Transparencia");
    const responses = await Promise.all([
      upload(id, liaison.session, file),
      upload(id, liaison.session, file),
    ]);
    expect(statuses(responses)).toEqual([201, 201]);
    const rows = await ctx.handle.db
      .select()
      .from(evidenceFiles)
      .where(eq(evidenceFiles.toolInstanceId, id));
    expect(rows.map((r) => r.version).sort()).toEqual([1, 2]);
    expect(new Set(rows.map((r) => r.sha256)).size).toBe(1);
    expect(await auditCount("evidence.uploaded", rows[0]?.id ?? "")).toBe(1);
    expect(await auditCount("evidence.uploaded", rows[1]?.id ?? "")).toBe(1);
    for (const row of rows) {
      const download = await ctx.get(`/api/evidence/${row.id}/download`, liaison.session);
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(file)).toBe(true);
    }
  });
});

describe("concurrent agreement registrations for one municipality", () => {
  it("registers one agreement and one set of tool instances; the others get 409", async () => {
    const responses = await Promise.all(
      [0, 1, 2, 3].map(() =>
        post("/api/agreements", admin, {
          municipality: ECATEPEC,
          signedOn: "2023-06-01",
          cohort: "Cohorte 2023",
        }),
      ),
    );
    expect(statuses(responses)).toEqual([201, 409, 409, 409]);
    for (const lost of responses.filter((r) => r.statusCode === 409)) {
      expect(errorCode(lost)).toBe("conflict");
    }
    expect(await rowCount(agreements, eq(agreements.municipalityCvegeo, ECATEPEC))).toBe(1);
    const instances = await ctx.handle.db
      .select()
      .from(toolInstances)
      .where(eq(toolInstances.municipalityCvegeo, ECATEPEC));
    expect(instances.length).toBeGreaterThan(0);
    const keys = instances.map((i) => `${i.toolCode}/${i.partCode ?? ""}/${i.cycle}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("concurrent liaison designations", () => {
  const designate = (userId: string) =>
    post(`/api/municipalities/${METEPEC}/liaison`, admin, { userId, designatedOn: "2025-01-01" });

  const currentOf = async (cvegeo: string) =>
    ctx.handle.db
      .select()
      .from(liaisonDesignations)
      .where(
        and(
          eq(liaisonDesignations.municipalityCvegeo, cvegeo),
          isNull(liaisonDesignations.endedAt),
        ),
      );

  it("leaves exactly one current liaison when three are designated at once, with no server error", async () => {
    const candidates = await Promise.all(
      [0, 1, 2].map(() =>
        buildUser(ctx.handle.db, "liaison", { municipality: METEPEC, designated: false }),
      ),
    );
    const responses = await Promise.all(candidates.map((c) => designate(c.id)));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    const current = await currentOf(METEPEC);
    expect(current).toHaveLength(1);
    // The ones replaced in between lost their access, as a designation replacing them requires.
    const replaced = candidates.filter((c) => c.id !== current[0]?.userId);
    const accounts = await ctx.handle.db.select().from(users);
    for (const candidate of replaced) {
      expect(accounts.find((u) => u.id === candidate.id)?.active).toBe(false);
    }
    expect(accounts.find((u) => u.id === current[0]?.userId)?.active).toBe(true);
    expect(
      await rowCount(liaisonDesignations, eq(liaisonDesignations.municipalityCvegeo, METEPEC)),
    ).toBe(3);
  });

  it("designates the same person once when the request is sent twice at once", async () => {
    const person = await buildUser(ctx.handle.db, "liaison", {
      municipality: METEPEC,
      designated: false,
    });
    const responses = await Promise.all([designate(person.id), designate(person.id)]);
    expect(statuses(responses)).toEqual([200, 409]);
    const current = await currentOf(METEPEC);
    expect(current.map((d) => d.userId)).toEqual([person.id]);
  });
});

describe("concurrent edits of one support action with the same expectedRevision", () => {
  it("applies exactly one edit; the others get 409 and the revision moves by one", async () => {
    const payload: CreateSupportActionRequest = {
      type: "training",
      title: "Capacitación: carga de evidencias",
      description: "",
      date: "2026-12-10",
      time: "10:00",
      durationMinutes: 90,
      modality: "virtual",
      link: "https://reuniones.example.org/evidencias",
      facilitatorIds: [reviewerUser.id],
      tools: ["E2"],
      invited: [TOLUCA, METEPEC],
    };
    const created = await post("/api/support-actions", reviewers[0] as Session, payload);
    expect(created.statusCode, created.body).toBe(201);
    const action = json<SupportActionDetail>(created);
    const titles = ["Título A de la edición", "Título B de la edición", "Título C de la edición"];
    const responses = await Promise.all(
      titles.map((title, i) =>
        ctx.app.inject({
          method: "PATCH",
          url: `/api/support-actions/${action.id}`,
          headers: (reviewers[i] as Session).headers,
          payload: { title, expectedRevision: action.revision },
        }),
      ),
    );
    expect(statuses(responses)).toEqual([200, 409, 409]);
    const winner = titles[responses.findIndex((r) => r.statusCode === 200)];
    const [row] = await ctx.handle.db
      .select()
      .from(supportActions)
      .where(eq(supportActions.id, action.id));
    expect(row?.revision).toBe(action.revision + 1);
    expect(row?.title).toBe(winner);
  });
});
