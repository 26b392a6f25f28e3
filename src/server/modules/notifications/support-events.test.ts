import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { notifications, supportActions } from "../../db/schema/index.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import { setUpTestApp } from "../../test/app.js";
import { buildUser, signIn, type TestUser } from "../../test/factories.js";
import { registerAgreement } from "../agreements/service.js";
import { type Relations, replaceRelations } from "../support-actions/relations.js";
import { notifySupportAction, type SupportActionEvent } from "./support-events.js";

const ctx = setUpTestApp();
let db: Database;
let toluca: TestUser;
let tolucaCollaborator: TestUser;
let metepec: TestUser;
let ecatepec: TestUser;
let facilitator: TestUser;
let planner: TestUser;
let actionId: string;

async function inbox(user: TestUser) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, user.id))
    .orderBy(notifications.createdAt);
}

/** Applies a change to the action as the support-actions service would, then notifies. */
async function change(
  set: Partial<typeof supportActions.$inferInsert>,
  event: SupportActionEvent,
  relations: Partial<Relations> = {},
) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(supportActions).where(eq(supportActions.id, actionId));
    await tx
      .update(supportActions)
      .set({ ...set, revision: (row?.revision ?? 0) + 1 })
      .where(eq(supportActions.id, actionId));
    await replaceRelations(tx, actionId, relations);
    await notifySupportAction(tx, actionId, event, { actorUserId: planner.id });
  });
}

beforeAll(async () => {
  db = ctx.handle.db;
  toluca = await buildUser(db, "liaison", { municipality: "15106" });
  tolucaCollaborator = await buildUser(db, "collaborator", { municipality: "15106" });
  metepec = await buildUser(db, "liaison", { municipality: "15054" });
  ecatepec = await buildUser(db, "liaison", { municipality: "15033" });
  facilitator = await buildUser(db, "reviewer", { name: "Laura Facilitadora" });
  planner = await buildUser(db, "reviewer", { name: "Pedro Planeador" });
  await db.transaction(async (tx) => {
    const [action] = await tx
      .insert(supportActions)
      .values({
        type: "training",
        title: "Política de transparencia <E2>",
        description: "Traer el borrador de la política.",
        startsAt: new Date("2025-05-20T16:00:00Z"),
        durationMinutes: 90,
        modality: "virtual",
        link: "https://reuniones.ejemplo.org/e2",
        createdBy: planner.id,
      })
      .returning();
    actionId = action?.id ?? "";
    await replaceRelations(tx, actionId, {
      invited: ["15106", "15054"],
      facilitatorIds: [facilitator.id, planner.id],
      tools: ["E2"],
    });
    await notifySupportAction(tx, actionId, { kind: "created" }, { actorUserId: planner.id });
  });
});

describe("support action notifications", () => {
  it("invites the invited municipalities' people and the facilitators, not the planner nor others", async () => {
    for (const person of [toluca, tolucaCollaborator, metepec]) {
      const [invitation] = await inbox(person);
      expect(invitation).toMatchObject({
        kind: "support_action_invitation",
        title: "Invitación: Capacitación «Política de transparencia <E2>», 20/05/2025 10:00",
        link: `/acompanamiento/acciones/${actionId}`,
        dedupeKey: `support:${actionId}:r0`,
      });
      expect(invitation?.body).toBe(
        [
          "Su municipio está invitado a la capacitación «Política de transparencia <E2>».",
          "",
          "Fecha y hora: 20/05/2025 10:00 (hora del centro de México), 1 hora 30 min",
          "Modalidad: Virtual",
          "Enlace: https://reuniones.ejemplo.org/e2",
          "Herramientas: E2",
          "Municipios invitados: Metepec, Toluca",
          "Imparte: Laura Facilitadora, Pedro Planeador",
          "",
          "Traer el borrador de la política.",
        ].join("\n"),
      );
    }
    const [assigned] = await inbox(facilitator);
    expect(assigned?.body).toMatch(/^Se le asignó para impartir la capacitación/);
    expect(await inbox(planner)).toEqual([]);
    expect(await inbox(ecatepec)).toEqual([]);
  });

  it("tells of a change once per revision: the same change retried is not told twice", async () => {
    const event: SupportActionEvent = {
      kind: "updated",
      changed: ["startsAt", "link"],
      before: { invited: ["15106", "15054"], facilitatorIds: [facilitator.id, planner.id] },
    };
    await change(
      { startsAt: new Date("2025-05-22T16:00:00Z"), link: "https://reuniones.ejemplo.org/e2-b" },
      event,
    );
    // A retry of the same notification (same revision) adds nothing.
    await db.transaction((tx) =>
      notifySupportAction(tx, actionId, event, { actorUserId: planner.id }),
    );
    const messages = await inbox(toluca);
    expect(messages.map((m) => m.dedupeKey)).toEqual([
      `support:${actionId}:r0`,
      `support:${actionId}:r1`,
    ]);
    expect(messages[1]?.title).toBe(
      "Cambió: Capacitación «Política de transparencia <E2>», 22/05/2025 10:00",
    );
    expect(messages[1]?.body).toMatch(
      /^Cambió la fecha y hora y el enlace de la capacitación «Política de transparencia <E2>»\./,
    );
    expect(messages[1]?.body).toContain("Enlace: https://reuniones.ejemplo.org/e2-b");
  });

  it("invites a newly invited municipality, and tells a removed one it no longer takes part", async () => {
    await change(
      {},
      {
        kind: "updated",
        changed: ["invited"],
        before: { invited: ["15106", "15054"], facilitatorIds: [facilitator.id, planner.id] },
      },
      { invited: ["15106", "15033"] },
    );
    const [newcomer] = await inbox(ecatepec);
    expect(newcomer?.title).toMatch(/^Invitación: Capacitación/);
    const latestMetepec = (await inbox(metepec)).at(-1);
    expect(latestMetepec).toMatchObject({
      title: "Ya no participa: Capacitación «Política de transparencia <E2>»",
      body: "Su municipio ya no está invitado a la capacitación «Política de transparencia <E2>» del 22/05/2025 10:00.",
    });
    expect((await inbox(toluca)).at(-1)?.title).toMatch(/^Cambió: /);
  });

  it("tells everyone concerned of a cancellation with its reason, and of a new date", async () => {
    await change(
      { status: "cancelled", cancelReason: "Se empalma con la sesión del pleno." },
      {
        kind: "cancelled",
        reason: "Se empalma con la sesión del pleno.",
      },
    );
    for (const person of [toluca, tolucaCollaborator, ecatepec, facilitator]) {
      const last = (await inbox(person)).at(-1);
      expect(last?.title).toBe("Cancelada: Capacitación «Política de transparencia <E2>»");
      expect(last?.body).toContain("Motivo: Se empalma con la sesión del pleno.");
    }
    expect((await inbox(metepec)).at(-1)?.title).toMatch(/^Ya no participa/);
    await change(
      { status: "planned", startsAt: new Date("2025-06-03T15:00:00Z") },
      { kind: "rescheduled" },
    );
    expect((await inbox(toluca)).at(-1)?.title).toBe(
      "Nueva fecha: Capacitación «Política de transparencia <E2>», 03/06/2025 09:00",
    );
    expect(await inbox(planner)).toEqual([]);
  });
});

describe("through the support actions API", () => {
  it("notifies on plan, edit and cancel in the same transaction; a stale edit notifies nothing", async () => {
    await registerAgreement(
      db,
      { municipality: "15106", signedOn: "2022-11-16", cohort: "Cohorte 2022" },
      SYSTEM_ACTOR,
      new Date(),
    );
    const staff = await signIn(ctx.app, planner);
    const send = (method: "POST" | "PATCH", url: string, payload: unknown) =>
      ctx.app.inject({ method, url, headers: staff.headers, payload: payload as object });
    const created = await send("POST", "/api/support-actions", {
      type: "working_meeting",
      title: "Reunión de trabajo: R4",
      description: "",
      date: "2031-03-04",
      time: "11:30",
      durationMinutes: 60,
      modality: "in_person",
      place: "Oficinas del órgano garante",
      link: null,
      facilitatorIds: [facilitator.id],
      tools: ["R4"],
      invited: ["15106"],
    });
    expect(created.statusCode, created.body).toBe(201);
    const action = JSON.parse(created.body) as { id: string; revision: number };
    const latest = async (user: TestUser) =>
      (await inbox(user)).filter((n) => n.link === `/acompanamiento/acciones/${action.id}`);
    expect((await latest(tolucaCollaborator)).map((n) => n.title)).toEqual([
      "Invitación: Reunión de trabajo «Reunión de trabajo: R4», 04/03/2031 11:30",
    ]);
    expect((await latest(facilitator)).map((n) => n.dedupeKey)).toEqual([
      `support:${action.id}:r0`,
    ]);
    expect(await latest(planner)).toEqual([]);

    const moved = await send("PATCH", `/api/support-actions/${action.id}`, {
      time: "12:00",
      expectedRevision: action.revision,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const stale = await send("PATCH", `/api/support-actions/${action.id}`, {
      time: "13:00",
      expectedRevision: action.revision,
    });
    expect(stale.statusCode).toBe(409);
    expect((await latest(toluca)).map((n) => n.title)).toEqual([
      "Invitación: Reunión de trabajo «Reunión de trabajo: R4», 04/03/2031 11:30",
      "Cambió: Reunión de trabajo «Reunión de trabajo: R4», 04/03/2031 12:00",
    ]);

    const cancelled = await send("POST", `/api/support-actions/${action.id}/cancel`, {
      reason: "Cambio de administración municipal.",
      expectedRevision: action.revision + 1,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const last = (await latest(toluca)).at(-1);
    expect(last?.title).toBe("Cancelada: Reunión de trabajo «Reunión de trabajo: R4»");
    expect(last?.body).toContain("Motivo: Cambio de administración municipal.");
    expect(await latest(metepec)).toEqual([]);
  });
});
