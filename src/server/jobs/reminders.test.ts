import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/client.js";
import {
  commitments,
  jobRuns,
  mailOutbox,
  notificationPreferences,
  notifications,
  supportActions,
  toolInstances,
} from "../db/schema/index.js";
import { SYSTEM_ACTOR } from "../lib/audit.js";
import { registerAgreement } from "../modules/agreements/service.js";
import { setUpTestApp } from "../test/app.js";
import { buildUser, type TestUser } from "../test/factories.js";
import { reminderJob } from "./reminders.js";
import { type DailyJob, runDailyJob, runDueJobs } from "./runner.js";

/** Noon in Mexico City on a calendar day. */
const at = (day: string) => new Date(`${day}T12:00:00-06:00`);

const ctx = setUpTestApp();
let db: Database;
let liaison: TestUser;
let collaborator: TestUser;
let otherLiaison: TestUser;
let reviewer: TestUser;
let admin: TestUser;

async function received(user: TestUser, kind?: string) {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, user.id),
        kind ? eq(notifications.kind, kind as "deadline_approaching") : undefined,
      ),
    )
    .orderBy(notifications.createdAt, notifications.title);
}

/** Every reminder delivered so far, as "person · key", to compare whole runs at once. */
async function delivered(): Promise<string[]> {
  const rows = await db
    .select({ userId: notifications.userId, key: notifications.dedupeKey })
    .from(notifications);
  const names = new Map(
    [liaison, collaborator, otherLiaison, reviewer, admin].map((u) => [
      u.id,
      u === liaison
        ? "liaison"
        : u === collaborator
          ? "collaborator"
          : u === otherLiaison
            ? "otherLiaison"
            : u === reviewer
              ? "reviewer"
              : "admin",
    ]),
  );
  return rows.map((row) => `${names.get(row.userId) ?? row.userId} · ${row.key}`).sort();
}

const run = (day: string) => runDailyJob(db, reminderJob, at(day));

beforeAll(async () => {
  db = ctx.handle.db;
  // Toluca signs on 10/01/2025: eleven 3-month deliverables are due on 10/04/2025, C3 on
  // 10/05, C4 on 10/06, the 6-month ones on 10/07; the yearly ones on 10/01/2026.
  await registerAgreement(
    db,
    { municipality: "15106", signedOn: "2025-01-10", cohort: "Cohorte 2025" },
    SYSTEM_ACTOR,
    at("2025-01-10"),
  );
  liaison = await buildUser(db, "liaison", { municipality: "15106" });
  collaborator = await buildUser(db, "collaborator", { municipality: "15106" });
  otherLiaison = await buildUser(db, "liaison", { municipality: "15054" });
  reviewer = await buildUser(db, "reviewer");
  admin = await buildUser(db, "admin");
  // The collaborator wants no deadline e-mails (still gets them in the app).
  await db
    .insert(notificationPreferences)
    .values({ userId: collaborator.id, kind: "deadline_approaching", email: false });
  // M4 is already validated and E2 is waiting for review: neither is reminded.
  await db
    .update(toolInstances)
    .set({ state: "validated" })
    .where(and(eq(toolInstances.municipalityCvegeo, "15106"), eq(toolInstances.toolCode, "M4")));
  await db
    .update(toolInstances)
    .set({ state: "submitted" })
    .where(and(eq(toolInstances.municipalityCvegeo, "15106"), eq(toolInstances.toolCode, "E2")));
});

describe("the reminder job, day by day", () => {
  it("sends nothing while every deadline is more than 30 days away", async () => {
    expect(await run("2025-03-10")).toEqual({
      status: "ran",
      summary: "plazos: 0, resúmenes de vencidas: 0, acuerdos: 0",
    });
    expect(await delivered()).toEqual([]);
  });

  it("30 days before, reminds the liaison and collaborators of the tools due that day, together", async () => {
    expect(await run("2025-03-11")).toMatchObject({ status: "ran" });
    expect(await delivered()).toEqual([
      "collaborator · deadline:15106:2025-04-10:30",
      "liaison · deadline:15106:2025-04-10:30",
    ]);
    const [reminder] = await received(liaison);
    expect(reminder).toMatchObject({
      kind: "deadline_approaching",
      title: "Plazo próximo: 9 herramientas de Toluca vencen en 30 días (10/04/2025)",
      link: "/municipios/15106",
    });
    expect(reminder?.body).toContain("R1 a) ");
    expect(reminder?.body).toContain("R4 · ");
    expect(reminder?.body).not.toContain("E2 · ");
    expect(reminder?.body).not.toContain("M4 · ");
    // E-mail by preference: the liaison gets one, the collaborator chose not to.
    const mail = await db.select({ to: mailOutbox.to }).from(mailOutbox);
    expect(mail.map((m) => m.to)).toEqual([liaison.email]);
  });

  it("runs once a day: a second run the same day, or after a restart, does nothing", async () => {
    expect(await run("2025-03-11")).toEqual({ status: "done" });
    // A restart: a new runner, the same database.
    expect(await runDueJobs({ db, jobs: [reminderJob], now: () => at("2025-03-11") })).toEqual({
      reminders: { status: "done" },
    });
    // Even with its job_runs row gone, the dedupe keys keep each reminder to once.
    await db.delete(jobRuns).where(eq(jobRuns.runOn, "2025-03-11"));
    expect(await run("2025-03-11")).toEqual({
      status: "ran",
      summary: "plazos: 0, resúmenes de vencidas: 0, acuerdos: 0",
    });
    expect((await received(liaison)).length).toBe(1);
    expect(await db.select().from(mailOutbox)).toHaveLength(1);
  });

  it("catches up after downtime: the missed 7-day reminder is sent late, the stale 30-day one not again", async () => {
    // Down from 12/03 to 06/04; back on 07/04, three days before the deadline.
    const outcome = await run("2025-04-07");
    expect(outcome).toMatchObject({ status: "ran" });
    const [, late] = await received(liaison, "deadline_approaching");
    expect(late).toMatchObject({
      title: "Plazo próximo: 9 herramientas de Toluca vencen en 3 días (10/04/2025)",
    });
    expect(await delivered()).toEqual([
      "collaborator · deadline:15106:2025-04-10:30",
      "collaborator · deadline:15106:2025-04-10:7",
      "liaison · deadline:15106:2025-04-10:30",
      "liaison · deadline:15106:2025-04-10:7",
    ]);
    expect((await db.select().from(jobRuns)).map((r) => r.runOn).sort()).toEqual([
      "2025-03-10",
      "2025-03-11",
      "2025-04-07",
    ]);
  });

  it("the day before and on the day, the 1-day reminder once", async () => {
    await run("2025-04-09");
    await run("2025-04-10");
    const reminders = (await received(liaison, "deadline_approaching")).filter((r) =>
      r.dedupeKey.includes(":2025-04-10:"),
    );
    expect(reminders.map((r) => r.dedupeKey)).toEqual([
      "deadline:15106:2025-04-10:30",
      "deadline:15106:2025-04-10:7",
      "deadline:15106:2025-04-10:1",
    ]);
    expect(reminders[2]?.title).toBe(
      "Plazo próximo: 9 herramientas de Toluca vencen mañana (10/04/2025)",
    );
    // On 10/04, C3 (due 10/05) enters its 30-day window: a reminder of its own.
    expect((await received(liaison, "deadline_approaching")).map((r) => r.dedupeKey)).toContain(
      "deadline:15106:2025-05-10:30",
    );
  });

  it("once overdue, a weekly digest: municipal users get their list, staff the regional summary", async () => {
    await run("2025-04-11");
    const [digest] = await received(liaison, "overdue_digest");
    expect(digest).toMatchObject({
      title: "Resumen semanal: 10 herramientas con el plazo vencido en Toluca",
      link: "/municipios/15106",
      dedupeKey: "overdue:2025-W15",
    });
    // E2 waits for review but is overdue all the same; M4 is validated.
    expect(digest?.body).toContain(
      "E2 · Política de Transparencia y Acceso a la Información Pública: venció el 10/04/2025 (hace 1 día; en revisión)",
    );
    expect(digest?.body).not.toContain("M4 · ");
    expect((await received(collaborator, "overdue_digest")).length).toBe(1);
    for (const staff of [reviewer, admin]) {
      const [regional] = await received(staff, "overdue_digest");
      expect(regional).toMatchObject({
        title: "Resumen semanal: 10 herramientas con el plazo vencido en 1 municipio",
        dedupeKey: "overdue:2025-W15",
        link: "/brechas?vencidas=si&orden=overdue",
      });
      expect(regional?.body).toContain("- Toluca (15106): 10 herramientas");
    }
    expect(await received(otherLiaison)).toEqual([]);
  });

  it("sends the digest once per ISO week, and again the next week", async () => {
    await run("2025-04-12");
    await run("2025-04-13");
    expect((await received(liaison, "overdue_digest")).length).toBe(1);
    await run("2025-04-14");
    expect((await received(liaison, "overdue_digest")).map((d) => d.dedupeKey)).toEqual([
      "overdue:2025-W15",
      "overdue:2025-W16",
    ]);
    expect((await received(admin, "overdue_digest")).length).toBe(2);
  });

  it("after a whole week of downtime, sends the current week's digest, not the missed one", async () => {
    await run("2025-04-30");
    expect((await received(liaison, "overdue_digest")).map((d) => d.dedupeKey)).toEqual([
      "overdue:2025-W15",
      "overdue:2025-W16",
      "overdue:2025-W18",
    ]);
  });
});

describe("commitments coming due", () => {
  it("reminds the owner with an account, else the municipality's liaison; once; never closed ones", async () => {
    const [action] = await db
      .insert(supportActions)
      .values({
        type: "training",
        title: "Capacitación en transparencia proactiva",
        startsAt: at("2025-04-20"),
        durationMinutes: 120,
        modality: "virtual",
        link: "https://reuniones.ejemplo.org/c3",
        status: "held",
      })
      .returning({ id: supportActions.id });
    const actionId = action?.id ?? "";
    await db.insert(commitments).values([
      {
        actionId,
        description: "Publicar la guía de transparencia proactiva",
        municipalityCvegeo: "15106",
        ownerName: "Enlace de Toluca",
        dueOn: "2025-05-05",
      },
      {
        actionId,
        description: "Enviar los materiales de la capacitación",
        ownerUserId: reviewer.id,
        ownerName: "Revisor",
        dueOn: "2025-05-03",
      },
      {
        actionId,
        description: "Acuerdo ya cumplido",
        municipalityCvegeo: "15106",
        ownerName: "Enlace de Toluca",
        dueOn: "2025-05-03",
        status: "closed",
      },
      {
        actionId,
        description: "Acuerdo lejano",
        municipalityCvegeo: "15106",
        ownerName: "Enlace de Toluca",
        dueOn: "2025-06-30",
      },
    ]);
    await run("2025-05-01");
    expect((await received(reviewer, "commitment_due")).map((n) => n.title)).toEqual([
      "Acuerdo próximo a vencer: Enviar los materiales de la capacitación",
    ]);
    expect((await received(liaison, "commitment_due")).map((n) => n.title)).toEqual([]);
    await run("2025-05-02");
    const [toLiaison] = await received(liaison, "commitment_due");
    expect(toLiaison).toMatchObject({
      title: "Acuerdo próximo a vencer: Publicar la guía de transparencia proactiva",
      link: `/acompanamiento/acciones/${actionId}`,
    });
    expect(toLiaison?.body).toContain(
      "«Capacitación en transparencia proactiva» vence en 3 días (05/05/2025)",
    );
    // Collaborators are not told of the municipality's commitments: the liaison answers for them.
    expect(await received(collaborator, "commitment_due")).toEqual([]);
    await run("2025-05-03");
    await run("2025-05-05");
    expect((await received(reviewer, "commitment_due")).length).toBe(1);
    expect((await received(liaison, "commitment_due")).length).toBe(1);
  });
});

describe("the daily job runner", () => {
  it("keeps a failing job from blocking the others, and retries it at the next check", async () => {
    let fail = true;
    const seen: { today: string; lastRunOn: string | null }[] = [];
    const flaky: DailyJob = {
      name: "test-flaky",
      async run({ tx, today, lastRunOn }) {
        seen.push({ today, lastRunOn });
        // Written in the run's transaction: rolled back with the failure.
        await tx.execute(sql`select 1`);
        if (fail) {
          throw new Error("falla de prueba");
        }
        return "ok";
      },
    };
    const steady: DailyJob = { name: "test-steady", run: async () => "listo" };
    const errors: string[] = [];
    const log = { info: () => {}, error: (data: object) => errors.push(JSON.stringify(data)) };
    let rounds = 0;
    const first = await runDueJobs({
      db,
      jobs: [flaky, steady],
      now: () => at("2025-06-01"),
      log,
      afterRound: async () => {
        rounds++;
      },
    });
    expect(first).toEqual({ "test-steady": { status: "ran", summary: "listo" } });
    expect(errors).toHaveLength(1);
    expect(rounds).toBe(1);
    expect(
      await db
        .select()
        .from(jobRuns)
        .where(inArray(jobRuns.job, ["test-flaky", "test-steady"])),
    ).toMatchObject([{ job: "test-steady", runOn: "2025-06-01", summary: "listo" }]);
    fail = false;
    const second = await runDueJobs({ db, jobs: [flaky, steady], now: () => at("2025-06-01") });
    expect(second).toEqual({
      "test-flaky": { status: "ran", summary: "ok" },
      "test-steady": { status: "done" },
    });
    await runDueJobs({ db, jobs: [flaky], now: () => at("2025-06-04") });
    expect(seen).toEqual([
      { today: "2025-06-01", lastRunOn: null },
      { today: "2025-06-01", lastRunOn: null },
      { today: "2025-06-04", lastRunOn: "2025-06-01" },
    ]);
  });

  it("takes the day in Mexico City: 23:30 there is still the same day, whatever UTC says", async () => {
    const days: string[] = [];
    const job: DailyJob = {
      name: "test-day",
      run: async ({ today }) => {
        days.push(today);
        return today;
      },
    };
    // 05:30 UTC on 2 June is 23:30 on 1 June in Mexico City.
    await runDailyJob(db, job, new Date("2025-06-02T05:30:00Z"));
    await runDailyJob(db, job, new Date("2025-06-02T06:30:00Z"));
    expect(days).toEqual(["2025-06-01", "2025-06-02"]);
  });
});

// Several server processes share one PostgreSQL: one runs the job, the others skip it. (PGlite is
// one process by construction: its data folder is locked.)
describe.skipIf(!process.env.TEST_DATABASE_URL)("several runners on PostgreSQL", () => {
  it("lets exactly one of two simultaneous runners run a job", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let runs = 0;
    const slow: DailyJob = {
      name: "test-slow",
      async run() {
        runs++;
        await gate;
        return "hecho";
      },
    };
    const first = runDailyJob(db, slow, at("2025-07-01"));
    // Let the first take the lock before the second asks for it.
    for (let i = 0; i < 50 && runs === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const second = await runDailyJob(db, slow, at("2025-07-01"));
    expect(second).toEqual({ status: "busy" });
    release();
    expect(await first).toEqual({ status: "ran", summary: "hecho" });
    expect(runs).toBe(1);
    expect(await runDailyJob(db, slow, at("2025-07-01"))).toEqual({ status: "done" });
  });

  it("delivers each reminder once when two processes run the reminder job at the same moment", async () => {
    await db.delete(mailOutbox);
    const before = (await delivered()).length;
    const outcomes = await Promise.all([
      runDueJobs({ db, jobs: [reminderJob], now: () => at("2025-07-08") }),
      runDueJobs({ db, jobs: [reminderJob], now: () => at("2025-07-08") }),
    ]);
    const statuses = outcomes.map((o) => o.reminders?.status).sort();
    expect(statuses[1]).toBe("ran");
    expect(["busy", "done"]).toContain(statuses[0]);
    // 6-month deliverables due 10/07: the 7-day reminder, and this week's digest, once each.
    const after = await delivered();
    expect(after.filter((d) => d === "liaison · deadline:15106:2025-07-10:7")).toHaveLength(1);
    expect(after.filter((d) => d === "liaison · overdue:2025-W28")).toHaveLength(1);
    expect(after.length).toBeGreaterThan(before);
  });
});
