import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type {
  Commitment,
  CommitmentList,
  CreateSupportActionRequest,
  Effectiveness,
  StaffMember,
  Suggestions,
  SupportActionDetail,
  SupportActionList,
} from "../../../contracts/support.js";
import {
  auditEvents,
  documents,
  submissions,
  supportActionBaselines,
  toolInstances,
} from "../../db/schema/index.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { buildUser, type Session, signedIn, type TestUser } from "../../test/factories.js";
import { ECATEPEC, METEPEC, TOLUCA } from "../../test/municipalities.js";
import { samplePdf } from "../../test/samples.js";
import { registerAgreement } from "../agreements/service.js";
import { updateUser } from "../users/service.js";

/** A fixed clock: 20/05/2025 12:00 in Mexico City. */
const NOW = new Date("2025-05-20T18:00:00Z");
const NOT_TAKING_PART = "15057";

const ctx = setUpTestApp({ config: { effectivenessDays: 60 }, now: () => NOW });
let admin: { user: TestUser; session: Session };
let reviewer: { user: TestUser; session: Session };
let liaison: Session;
let collaborator: Session;
let metepecLiaison: Session;
let ecatepecLiaison: Session;
let anonymous: Session;

beforeAll(async () => {
  for (const [municipality, cohort] of [
    [TOLUCA, "Cohorte 2022"],
    [METEPEC, "Cohorte 2022"],
    [ECATEPEC, "Cohorte 2023"],
  ] as const) {
    await registerAgreement(
      ctx.handle.db,
      { municipality, signedOn: cohort === "Cohorte 2022" ? "2022-11-16" : "2023-06-01", cohort },
      SYSTEM_ACTOR,
      NOW,
    );
  }
  admin = await signedIn(ctx.app, "admin");
  reviewer = await signedIn(ctx.app, "reviewer");
  liaison = (await signedIn(ctx.app, "liaison", { municipality: TOLUCA })).session;
  collaborator = (await signedIn(ctx.app, "collaborator", { municipality: TOLUCA })).session;
  metepecLiaison = (await signedIn(ctx.app, "liaison", { municipality: METEPEC })).session;
  ecatepecLiaison = (await signedIn(ctx.app, "liaison", { municipality: ECATEPEC })).session;
  anonymous = { cookie: "", csrfToken: "", headers: {} };
});

const send = (
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
  url: string,
  session: Session,
  payload?: unknown,
) =>
  ctx.app.inject({
    method,
    url,
    headers: method === "GET" ? { cookie: session.cookie } : session.headers,
    payload: payload as object,
  });

const training = (
  overrides: Partial<CreateSupportActionRequest> = {},
): CreateSupportActionRequest => ({
  type: "training",
  title: "Capacitación: Política de transparencia",
  description: "Cómo redactar la política.",
  date: "2025-05-12",
  time: "10:00",
  durationMinutes: 120,
  modality: "hybrid",
  place: "Sala de capacitación",
  link: "https://reuniones.example.org/politica",
  facilitatorIds: [reviewer.user.id],
  tools: ["R2", "E2"],
  invited: [TOLUCA, METEPEC],
  ...overrides,
});

/** The reviewer plans an action: the training above with some fields changed. */
const plan = (overrides: Partial<CreateSupportActionRequest> = {}) =>
  send("POST", "/api/support-actions", reviewer.session, training(overrides));

async function create(overrides: Partial<CreateSupportActionRequest> = {}) {
  const response = await plan(overrides);
  expect(response.statusCode, response.body).toBe(201);
  return json<SupportActionDetail>(response);
}

const get = async (id: string, session: Session = reviewer.session) =>
  json<SupportActionDetail>(await send("GET", `/api/support-actions/${id}`, session));

/** The reviewer, a facilitator, posts one step of an action's life (cancel, held, attendees…). */
const postOn = (
  action: SupportActionDetail,
  step: "cancel" | "held" | "reschedule" | "attendees" | "commitments",
  body: object,
) => send("POST", `/api/support-actions/${action.id}/${step}`, reviewer.session, body);

const addAttendee = (action: SupportActionDetail, attendee: object) =>
  postOn(action, "attendees", attendee);

/** Records a commitment (acuerdo) of an action. */
const addCommitment = (action: SupportActionDetail, commitment: object) =>
  postOn(action, "commitments", commitment);

async function hold(action: SupportActionDetail, heldOn = action.date) {
  const response = await postOn(action, "held", {
    heldOn,
    expectedRevision: action.revision,
  });
  expect(response.statusCode, response.body).toBe(200);
  return json<SupportActionDetail>(response);
}

describe("POST /api/support-actions", () => {
  it("plans an action in Mexico City time, with its tools in model order, and audits it", async () => {
    const action = await create();
    expect(action).toMatchObject({
      type: "training",
      status: "planned",
      date: "2025-05-12",
      time: "10:00",
      startsAt: "2025-05-12T16:00:00.000Z",
      durationMinutes: 120,
      modality: "hybrid",
      place: "Sala de capacitación",
      link: "https://reuniones.example.org/politica",
      tools: ["E2", "R2"],
      revision: 0,
      heldOn: null,
    });
    expect(action.toolNames.E2).toMatch(/Política/);
    expect(action.invited.map((i) => [i.cvegeo, i.cohort])).toEqual([
      [METEPEC, "Cohorte 2022"],
      [TOLUCA, "Cohorte 2022"],
    ]);
    expect(action.facilitators.map((f) => f.id)).toEqual([reviewer.user.id]);
    const [event] = await auditEventsOf(ctx.handle.db, "support_action.created", {
      entityId: action.id,
    });
    expect(event?.after).toMatchObject({ tools: ["E2", "R2"], invited: [METEPEC, TOLUCA] });
  });

  it("should fail with 403 for municipal users and 401 without a session", async () => {
    for (const session of [liaison, collaborator]) {
      const response = await send("POST", "/api/support-actions", session, training());
      expect(response.statusCode).toBe(403);
      expect(errorCode(response)).toBe("forbidden");
    }
    expect((await send("POST", "/api/support-actions", anonymous, training())).statusCode).toBe(
      401,
    );
  });

  it("should fail with 400 naming the field when the venue does not fit the modality", async () => {
    const virtualWithoutLink = await plan({ modality: "virtual", place: null, link: null });
    expect(virtualWithoutLink.statusCode).toBe(400);
    expect(
      json<{ error: { details: { field: string }[] } }>(virtualWithoutLink).error.details,
    ).toEqual([{ field: "link", message: expect.stringContaining("enlace") }]);
    const notHttp = await send(
      "POST",
      "/api/support-actions",
      reviewer.session,
      training({ modality: "virtual", place: null, link: "javascript:alert(1)" }),
    );
    expect(json<{ error: { message: string } }>(notHttp).error.message).toMatch(/http/);
    const inPersonWithoutPlace = await plan({ modality: "in_person", place: "", link: null });
    expect(
      json<{ error: { details: { field: string }[] } }>(inPersonWithoutPlace).error.details[0]
        ?.field,
    ).toBe("place");
  });

  it("should fail with 400 for tools outside the model, municipalities without agreement, and non-staff facilitators", async () => {
    const badTool = await plan({ tools: ["E2", "Z9"] });
    expect(badTool.statusCode).toBe(400);
    expect(badTool.body).toContain("Z9");
    const notTakingPart = await plan({ invited: [TOLUCA, NOT_TAKING_PART] });
    expect(notTakingPart.statusCode).toBe(400);
    expect(notTakingPart.body).toContain(NOT_TAKING_PART);
    // Not designated: the suite's Toluca liaison keeps the designation.
    const municipal = await buildUser(ctx.handle.db, "liaison", {
      municipality: TOLUCA,
      designated: false,
    });
    const notStaff = await plan({ facilitatorIds: [municipal.id] });
    expect(notStaff.statusCode).toBe(400);
    const inactive = await buildUser(ctx.handle.db, "reviewer");
    await updateUser(ctx.handle.db, inactive.id, { active: false }, SYSTEM_ACTOR);
    const gone = await plan({ facilitatorIds: [inactive.id] });
    expect(gone.statusCode).toBe(400);
  });
});

describe("who sees which actions", () => {
  let group: SupportActionDetail;
  let ecatepecOnly: SupportActionDetail;

  beforeAll(async () => {
    group = await create({ title: "Grupo Toluca y Metepec", date: "2025-06-10" });
    ecatepecOnly = await create({
      type: "working_meeting",
      title: "Reunión con Ecatepec",
      invited: [ECATEPEC],
      modality: "virtual",
      place: null,
      date: "2025-04-02",
    });
  });

  it("shows staff every action and a municipality only those that invite it", async () => {
    const staff = json<SupportActionList>(
      await send("GET", "/api/support-actions?pageSize=200", admin.session),
    );
    expect(staff.items.map((i) => i.id)).toEqual(
      expect.arrayContaining([group.id, ecatepecOnly.id]),
    );
    const toluca = json<SupportActionList>(
      await send("GET", "/api/support-actions?pageSize=200", liaison),
    );
    expect(toluca.items.map((i) => i.id)).toContain(group.id);
    expect(toluca.items.map((i) => i.id)).not.toContain(ecatepecOnly.id);
    expect(toluca.items.every((i) => i.invited.some((m) => m.cvegeo === TOLUCA))).toBe(true);
    // A municipal user cannot widen the scope with the municipality filter.
    const widened = json<SupportActionList>(
      await send("GET", `/api/support-actions?municipality=${ECATEPEC}`, collaborator),
    );
    expect(widened.items).toEqual([]);
  });

  it("should answer 404 to a municipality that is not invited", async () => {
    expect((await send("GET", `/api/support-actions/${ecatepecOnly.id}`, liaison)).statusCode).toBe(
      404,
    );
    expect(
      (await send("GET", `/api/support-actions/${ecatepecOnly.id}`, collaborator)).statusCode,
    ).toBe(404);
    expect(
      (await send("GET", `/api/support-actions/${ecatepecOnly.id}`, ecatepecLiaison)).statusCode,
    ).toBe(200);
    expect(
      (await send("GET", `/api/support-actions/${group.id}`, ecatepecLiaison)).statusCode,
    ).toBe(404);
  });

  it("filters by type, status, municipality, tool and upcoming or past", async () => {
    const list = async (query: string) =>
      json<SupportActionList>(
        await send("GET", `/api/support-actions?pageSize=200&${query}`, admin.session),
      ).items;
    expect((await list("type=working_meeting")).map((i) => i.id)).toEqual([ecatepecOnly.id]);
    expect((await list(`municipality=${ECATEPEC}`)).map((i) => i.id)).toEqual([ecatepecOnly.id]);
    const upcoming = await list("when=upcoming");
    expect(upcoming.map((i) => i.id)).toContain(group.id);
    expect(upcoming.every((i) => i.startsAt >= NOW.toISOString())).toBe(true);
    const past = await list("when=past");
    expect(past.map((i) => i.id)).toContain(ecatepecOnly.id);
    expect(past.map((i) => i.id)).not.toContain(group.id);
    expect((await list("status=held")).every((i) => i.status === "held")).toBe(true);
    expect((await list("tool=R2")).length).toBeGreaterThan(0);
    expect(await list("tool=M3")).toEqual([]);
  });
});

describe("PATCH /api/support-actions/:id", () => {
  it("saves the changed fields, bumps the revision and audits before and after", async () => {
    const action = await create({ title: "Para editar" });
    const response = await send("PATCH", `/api/support-actions/${action.id}`, reviewer.session, {
      title: "Editada",
      time: "16:30",
      modality: "virtual",
      place: null,
      invited: [TOLUCA, METEPEC, ECATEPEC],
      expectedRevision: 0,
    });
    expect(response.statusCode, response.body).toBe(200);
    const edited = json<SupportActionDetail>(response);
    expect(edited).toMatchObject({
      title: "Editada",
      time: "16:30",
      date: "2025-05-12",
      startsAt: "2025-05-12T22:30:00.000Z",
      modality: "virtual",
      place: null,
      revision: 1,
    });
    expect(edited.invited.map((i) => i.cvegeo)).toContain(ECATEPEC);
    const [event] = await auditEventsOf(ctx.handle.db, "support_action.updated", {
      entityId: action.id,
    });
    expect(event?.before).toMatchObject({ title: "Para editar", revision: 0 });
    expect(event?.after).toMatchObject({ title: "Editada", revision: 1 });
  });

  it("should fail with 409 when another editor saved first", async () => {
    const action = await create({ title: "Dos editores" });
    const first = await send("PATCH", `/api/support-actions/${action.id}`, reviewer.session, {
      title: "Primera",
      expectedRevision: 0,
    });
    expect(first.statusCode).toBe(200);
    const second = await send("PATCH", `/api/support-actions/${action.id}`, admin.session, {
      title: "Segunda",
      expectedRevision: 0,
    });
    expect(second.statusCode).toBe(409);
    expect(errorCode(second)).toBe("conflict");
    expect((await get(action.id)).title).toBe("Primera");
  });

  it("does not bump the revision when nothing changed", async () => {
    const action = await create({ title: "Sin cambios" });
    const same = json<SupportActionDetail>(
      await send("PATCH", `/api/support-actions/${action.id}`, reviewer.session, {
        title: "Sin cambios",
        tools: ["R2", "E2"],
        expectedRevision: 0,
      }),
    );
    expect(same.revision).toBe(0);
  });

  it("should fail with 403 for municipal users and 404 for unknown actions", async () => {
    const action = await create();
    expect(
      (
        await send("PATCH", `/api/support-actions/${action.id}`, liaison, {
          title: "x y z",
          expectedRevision: 0,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await send(
          "PATCH",
          "/api/support-actions/00000000-0000-4000-8000-000000000000",
          reviewer.session,
          {
            title: "x y z",
            expectedRevision: 0,
          },
        )
      ).statusCode,
    ).toBe(404);
  });

  it("lets a held action correct only its wording, duration and facilitators", async () => {
    const held = await hold(await create({ title: "Ya realizada" }));
    const tools = await send("PATCH", `/api/support-actions/${held.id}`, reviewer.session, {
      tools: ["E2"],
      expectedRevision: held.revision,
    });
    expect(tools.statusCode).toBe(409);
    expect(json<{ error: { message: string } }>(tools).error.message).toMatch(/ya se realizó/);
    const title = await send("PATCH", `/api/support-actions/${held.id}`, reviewer.session, {
      title: "Ya realizada (corregida)",
      facilitatorIds: [reviewer.user.id, admin.user.id],
      expectedRevision: held.revision,
    });
    expect(title.statusCode).toBe(200);
    expect(json<SupportActionDetail>(title).facilitators).toHaveLength(2);
  });
});

describe("status changes", () => {
  it("cancels with a reason, refuses edits while cancelled, and reschedules only to the future", async () => {
    const action = await create({ date: "2025-06-20", title: "Para cancelar" });
    const noReason = await postOn(action, "cancel", {
      reason: "",
      expectedRevision: 0,
    });
    expect(noReason.statusCode).toBe(400);
    const cancelled = json<SupportActionDetail>(
      await postOn(action, "cancel", {
        reason: "Veda electoral",
        expectedRevision: 0,
      }),
    );
    expect(cancelled).toMatchObject({
      status: "cancelled",
      cancelReason: "Veda electoral",
      revision: 1,
    });
    const edit = await send("PATCH", `/api/support-actions/${action.id}`, reviewer.session, {
      title: "Otra cosa",
      expectedRevision: 1,
    });
    expect(edit.statusCode).toBe(409);
    // Neither held nor rescheduled to the past while cancelled.
    for (const [step, body] of [
      ["held", { heldOn: "2025-05-20", expectedRevision: 1 }],
      ["reschedule", { date: "2025-05-19", time: "10:00", expectedRevision: 1 }],
    ] as const) {
      expect((await postOn(action, step, body)).statusCode, step).toBe(409);
    }
    const future = json<SupportActionDetail>(
      await postOn(action, "reschedule", {
        date: "2025-07-01",
        time: "09:00",
        expectedRevision: 1,
      }),
    );
    expect(future).toMatchObject({
      status: "planned",
      date: "2025-07-01",
      cancelReason: null,
      revision: 2,
    });
  });

  it("marks held only from the planned day up to today, and then keeps it held", async () => {
    const action = await create({ title: "Para realizar", date: "2025-05-12" });
    for (const heldOn of ["2025-05-21", "2025-05-11"]) {
      const response = await postOn(action, "held", {
        heldOn,
        expectedRevision: 0,
      });
      expect(response.statusCode).toBe(409);
    }
    const held = await hold(action, "2025-05-13");
    expect(held).toMatchObject({ status: "held", heldOn: "2025-05-13", revision: 1 });
    const cancel = await postOn(action, "cancel", {
      reason: "Error",
      expectedRevision: 1,
    });
    expect(cancel.statusCode).toBe(409);
    expect(json<{ error: { message: string } }>(cancel).error.message).toMatch(/ya se realizó/);
  });

  it("records the baseline: each invited municipality × tool with its state then", async () => {
    const [tolucaE2] = await ctx.handle.db
      .select()
      .from(toolInstances)
      .where(and(eq(toolInstances.municipalityCvegeo, TOLUCA), eq(toolInstances.toolCode, "E2")));
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "in_progress" })
      .where(eq(toolInstances.id, tolucaE2?.id ?? ""));
    const held = await hold(await create({ title: "Con línea base", tools: ["E2", "E1"] }));
    const rows = await ctx.handle.db
      .select()
      .from(supportActionBaselines)
      .where(eq(supportActionBaselines.actionId, held.id));
    const states = Object.fromEntries(
      rows.map((r) => [`${r.municipalityCvegeo}/${r.toolCode}`, r.state]),
    );
    expect(states).toEqual({
      [`${TOLUCA}/E1`]: "validated",
      [`${TOLUCA}/E2`]: "in_progress",
      [`${METEPEC}/E1`]: "validated",
      [`${METEPEC}/E2`]: "pending",
    });
    expect(held.baseline).toHaveLength(4);
    // A municipality sees only its own baseline.
    const own = await get(held.id, liaison);
    expect(own.baseline.map((b) => b.municipality)).toEqual([TOLUCA, TOLUCA]);
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "pending" })
      .where(eq(toolInstances.id, tolucaE2?.id ?? ""));
  });

  it("should fail with 403 for municipal users on every status change", async () => {
    const action = await create();
    for (const [path, body] of [
      ["cancel", { reason: "No hay sala", expectedRevision: 0 }],
      ["held", { heldOn: "2025-05-12", expectedRevision: 0 }],
      ["reschedule", { date: "2025-08-01", time: "10:00", expectedRevision: 0 }],
    ] as const) {
      expect(
        (await send("POST", `/api/support-actions/${action.id}/${path}`, liaison, body)).statusCode,
      ).toBe(403);
    }
  });
});

describe("attendance, minutes and commitments of a held action", () => {
  let action: SupportActionDetail;
  let pdf: Buffer;

  beforeAll(async () => {
    action = await create({ title: "Capacitación grupal realizada", date: "2025-03-03" });
    pdf = await samplePdf("Acta de la capacitación");
  });

  it("should fail with 409 before the action is held", async () => {
    const attendee = await addAttendee(action, {
      municipality: TOLUCA,
      name: "Ana López",
      position: "Titular de transparencia",
    });
    expect(attendee.statusCode).toBe(409);
    expect(json<{ error: { message: string } }>(attendee).error.message).toMatch(
      /márquela primero/,
    );
    const minutes = await send(
      "PUT",
      `/api/support-actions/${action.id}/minutes`,
      reviewer.session,
      {
        minutes: "x",
        expectedRevision: 0,
      },
    );
    expect(minutes.statusCode).toBe(409);
    action = await hold(action, "2025-03-05");
  });

  it("records attendees per invited municipality and shows a municipality only its own", async () => {
    for (const [municipality, name] of [
      [TOLUCA, "Ana López"],
      [TOLUCA, "Luis Pérez"],
      [METEPEC, "Marta Ruiz"],
    ] as const) {
      const response = await addAttendee(action, {
        municipality,
        name,
        position: "Unidad de Transparencia",
      });
      expect(response.statusCode).toBe(201);
    }
    // The same person twice for the same municipality (whatever the case or accents): 409.
    const twice = await addAttendee(action, {
      municipality: TOLUCA,
      name: "  ana  LOPEZ ",
      position: "Otra área",
    });
    expect(twice.statusCode).toBe(409);
    expect(json<{ error: { code: string; message: string } }>(twice).error).toEqual({
      code: "conflict",
      message: "Ana López ya está en la asistencia de Toluca.",
    });
    const notInvited = await addAttendee(action, {
      municipality: ECATEPEC,
      name: "Pedro",
      position: "Enlace",
    });
    expect(notInvited.statusCode).toBe(400);
    const staffView = await get(action.id);
    expect(staffView.attendees.map((a) => a.name)).toEqual([
      "Marta Ruiz",
      "Ana López",
      "Luis Pérez",
    ]);
    const tolucaView = await get(action.id, liaison);
    expect(tolucaView.attendees.map((a) => a.name)).toEqual(["Ana López", "Luis Pérez"]);
    const metepecView = await get(action.id, metepecLiaison);
    expect(metepecView.attendees.map((a) => a.name)).toEqual(["Marta Ruiz"]);

    const luis = staffView.attendees.find((a) => a.name === "Luis Pérez");
    expect(
      (await send("DELETE", `/api/support-actions/${action.id}/attendees/${luis?.id}`, liaison))
        .statusCode,
    ).toBe(403);
    const removed = json<SupportActionDetail>(
      await send(
        "DELETE",
        `/api/support-actions/${action.id}/attendees/${luis?.id}`,
        reviewer.session,
      ),
    );
    expect(removed.attendees.map((a) => a.name)).toEqual(["Marta Ruiz", "Ana López"]);
  });

  it("saves the minutes' text and file; invited municipalities download it, others get 404", async () => {
    action = await get(action.id);
    const saved = json<SupportActionDetail>(
      await send("PUT", `/api/support-actions/${action.id}/minutes`, reviewer.session, {
        minutes: "Se revisó la estructura de la política.",
        expectedRevision: action.revision,
      }),
    );
    expect(saved).toMatchObject({
      minutes: "Se revisó la estructura de la política.",
      revision: action.revision + 1,
    });
    const upload = await ctx.upload(
      `/api/support-actions/${action.id}/minutes/file`,
      reviewer.session,
      "Acta firmada.pdf",
      pdf,
    );
    expect(upload.statusCode, upload.body).toBe(200);
    expect(json<SupportActionDetail>(upload).minutesDocument).toMatchObject({
      fileName: "Acta firmada.pdf",
      size: pdf.length,
    });
    const [stored] = await ctx.handle.db
      .select()
      .from(documents)
      .where(eq(documents.ownerId, action.id));
    expect(stored).toMatchObject({ kind: "minutes", municipalityCvegeo: null });
    const download = await send("GET", `/api/support-actions/${action.id}/minutes/file`, liaison);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers["content-disposition"]).toContain("attachment");
    expect(
      (await send("GET", `/api/support-actions/${action.id}/minutes/file`, ecatepecLiaison))
        .statusCode,
    ).toBe(404);
    const liaisonUpload = await ctx.upload(
      `/api/support-actions/${action.id}/minutes/file`,
      liaison,
      "x.pdf",
      pdf,
    );
    expect(liaisonUpload.statusCode).toBe(403);
    expect((await get(action.id, liaison)).minutes).toBe("Se revisó la estructura de la política.");
  });

  it("records commitments owned by a municipality or a person, due no earlier than the action", async () => {
    const early = await addCommitment(action, {
      description: "Enviar borrador",
      municipality: TOLUCA,
      dueOn: "2025-03-01",
    });
    expect(early.statusCode).toBe(400);
    const noOwner = await addCommitment(action, {
      description: "Sin responsable",
      dueOn: "2025-06-01",
    });
    expect(noOwner.statusCode).toBe(400);
    const otherMunicipalityUser = await buildUser(ctx.handle.db, "liaison", {
      municipality: ECATEPEC,
      designated: false,
    });
    const mismatch = await addCommitment(action, {
      description: "Responsable de otro municipio",
      municipality: TOLUCA,
      ownerUserId: otherMunicipalityUser.id,
      dueOn: "2025-06-01",
    });
    expect(mismatch.statusCode).toBe(400);
    for (const body of [
      {
        description: "Enviar borrador de política",
        municipality: TOLUCA,
        ownerName: "Ana López",
        dueOn: "2025-04-30",
      },
      { description: "Enviar plan de capacitación", municipality: METEPEC, dueOn: "2025-06-30" },
      { description: "Compartir la guía", ownerUserId: reviewer.user.id, dueOn: "2025-03-20" },
    ]) {
      const response = await addCommitment(action, body);
      expect(response.statusCode, response.body).toBe(201);
    }
    const staffView = await get(action.id);
    expect(staffView.commitments.map((c) => [c.description, c.owner.name, c.overdue])).toEqual([
      ["Compartir la guía", "Persona reviewer", true],
      ["Enviar borrador de política", "Ana López", true],
      ["Enviar plan de capacitación", "Metepec", false],
    ]);
    const tolucaView = await get(action.id, liaison);
    expect(tolucaView.commitments.map((c) => c.description)).toEqual([
      "Compartir la guía",
      "Enviar borrador de política",
    ]);
    expect(
      (
        await send("POST", `/api/support-actions/${action.id}/commitments`, liaison, {
          description: "x y z",
          municipality: TOLUCA,
          dueOn: "2025-06-01",
        })
      ).statusCode,
    ).toBe(403);
  });

  it("lists open commitments across actions, overdue first; a municipality sees its own", async () => {
    const staff = json<CommitmentList>(await send("GET", "/api/commitments", admin.session));
    expect(staff.items.map((c) => c.description)).toEqual([
      "Compartir la guía",
      "Enviar borrador de política",
      "Enviar plan de capacitación",
    ]);
    expect(staff.overdue).toBe(2);
    const overdueOnly = json<CommitmentList>(
      await send("GET", "/api/commitments?overdue=true", admin.session),
    );
    expect(overdueOnly.items.every((c) => c.overdue)).toBe(true);
    const toluca = json<CommitmentList>(await send("GET", "/api/commitments", collaborator));
    expect(toluca.items.map((c) => c.description)).toEqual(["Enviar borrador de política"]);
    const widened = json<CommitmentList>(
      await send("GET", `/api/commitments?municipality=${METEPEC}`, liaison),
    );
    expect(widened.items.map((c) => c.municipality?.cvegeo)).toEqual([TOLUCA]);
    const metepec = json<CommitmentList>(await send("GET", "/api/commitments", metepecLiaison));
    expect(metepec).toMatchObject({ total: 1, overdue: 0 });
    expect((await send("GET", "/api/commitments", anonymous)).statusCode).toBe(401);
  });

  it("lets the owning liaison close a commitment with a note; others cannot", async () => {
    const [own] = json<CommitmentList>(await send("GET", "/api/commitments", liaison)).items;
    const [metepecs] = json<CommitmentList>(
      await send("GET", "/api/commitments", metepecLiaison),
    ).items;
    const url = `/api/commitments/${own?.id}/status`;
    expect(
      (await send("PUT", url, collaborator, { status: "closed", note: "Listo" })).statusCode,
    ).toBe(403);
    expect(
      (await send("PUT", url, metepecLiaison, { status: "closed", note: "Listo" })).statusCode,
    ).toBe(404);
    expect((await send("PUT", url, liaison, { status: "closed", note: "" })).statusCode).toBe(409);
    expect(
      (await send("PUT", url, liaison, { status: "cancelled", note: "No aplica" })).statusCode,
    ).toBe(409);
    const closed = await send("PUT", url, liaison, {
      status: "closed",
      note: "Se envió el borrador el 28/04.",
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(json<Commitment>(closed)).toMatchObject({
      status: "closed",
      overdue: false,
      closingNote: "Se envió el borrador el 28/04.",
      closedAt: NOW.toISOString(),
    });
    expect((await send("PUT", url, liaison, { status: "open", note: "Reabrir" })).statusCode).toBe(
      409,
    );
    const reopened = await send("PUT", url, reviewer.session, {
      status: "open",
      note: "Faltó el anexo",
    });
    expect(json<Commitment>(reopened)).toMatchObject({
      status: "open",
      closingNote: null,
      closedBy: null,
    });
    const cancelled = await send(
      "PUT",
      `/api/commitments/${metepecs?.id}/status`,
      reviewer.session,
      {
        status: "cancelled",
        note: "Se atenderá en otra reunión",
      },
    );
    expect(json<Commitment>(cancelled)).toMatchObject({
      status: "cancelled",
      closedBy: expect.any(String),
    });
    const events = await ctx.handle.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, own?.id ?? ""))
      .orderBy(asc(auditEvents.id));
    expect(events.map((e) => e.action)).toEqual([
      "commitment.created",
      "commitment.closed",
      "commitment.reopened",
    ]);
  });
});

describe("GET /api/support-actions/staff", () => {
  it("lists active staff for facilitators and owners; 403 for municipal users", async () => {
    const staff = json<StaffMember[]>(
      await send("GET", "/api/support-actions/staff", reviewer.session),
    );
    expect(staff.map((s) => s.id)).toEqual(
      expect.arrayContaining([reviewer.user.id, admin.user.id]),
    );
    expect(staff.every((s) => s.role === "admin" || s.role === "reviewer")).toBe(true);
    expect((await send("GET", "/api/support-actions/staff", liaison)).statusCode).toBe(403);
  });
});

describe("GET /api/support-actions/suggestions", () => {
  it("groups each tool's gaps by cohort and the municipalities that share gaps", async () => {
    // Toluca has E2 validated: it no longer needs support on it.
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "validated", validatedAt: NOW })
      .where(and(eq(toolInstances.municipalityCvegeo, TOLUCA), eq(toolInstances.toolCode, "E2")));
    const suggestions = json<Suggestions>(
      await send("GET", "/api/support-actions/suggestions", reviewer.session),
    );
    expect(suggestions.today).toBe("2025-05-20");
    const tools = suggestions.tools.map((t) => t.tool);
    expect(tools).not.toContain("E1");
    const e2 = suggestions.tools.find((t) => t.tool === "E2");
    expect(e2?.cohorts.map((c) => [c.cohort, c.municipalities.map((m) => m.cvegeo)])).toEqual([
      ["Cohorte 2022", [METEPEC]],
      ["Cohorte 2023", [ECATEPEC]],
    ]);
    expect(e2?.toolName).toMatch(/Política/);
    const r2 = suggestions.tools.find((t) => t.tool === "R2");
    expect(
      r2?.cohorts
        .find((c) => c.cohort === "Cohorte 2022")
        ?.municipalities.map((m) => m.cvegeo)
        .sort(),
    ).toEqual([METEPEC, TOLUCA].sort());
    expect(suggestions.sharedGroups.length).toBeGreaterThan(0);
    const grouped = suggestions.sharedGroups.flatMap((g) => g.municipalities.map((m) => m.cvegeo));
    expect(new Set(grouped).size).toBe(grouped.length);
    const toluca = suggestions.municipalities.find((m) => m.cvegeo === TOLUCA);
    expect(toluca?.gaps.map((g) => g.tool)).not.toContain("E2");
    expect(toluca?.gaps.every((g) => g.overdue || g.state === "pending")).toBe(true);
    expect(suggestions.municipalities.map((m) => m.cvegeo)).not.toContain(NOT_TAKING_PART);
  });

  it("should fail with 403 for municipal users", async () => {
    expect((await send("GET", "/api/support-actions/suggestions", liaison)).statusCode).toBe(403);
  });
});

describe("GET /api/support-actions/effectiveness", () => {
  it("reports per action, tool and facilitator whether the gaps closed within the window", async () => {
    const facilitator = await buildUser(ctx.handle.db, "reviewer", {
      name: "Facilitadora de medición",
    });
    const action = await create({
      title: "Para medir",
      date: "2025-03-10",
      tools: ["R4", "C1"],
      invited: [METEPEC, ECATEPEC],
      facilitatorIds: [facilitator.id],
    });
    await hold(action, "2025-03-10");
    // Only Metepec came: Ecatepec was invited, nobody attended for it, so its gaps do not count.
    const attended = await addAttendee(action, {
      municipality: METEPEC,
      name: "Marta Ruiz",
      position: "Unidad de Transparencia",
    });
    expect(attended.statusCode).toBe(201);
    // Metepec: R4 submitted 20/03 and validated 02/04 → closed; C1 submitted 25/05 → window open.
    const instanceOf = async (cvegeo: string, tool: string) => {
      const [row] = await ctx.handle.db
        .select()
        .from(toolInstances)
        .where(and(eq(toolInstances.municipalityCvegeo, cvegeo), eq(toolInstances.toolCode, tool)));
      return row?.id ?? "";
    };
    const r4 = await instanceOf(METEPEC, "R4");
    const c1 = await instanceOf(METEPEC, "C1");
    const municipal = await buildUser(ctx.handle.db, "liaison", {
      municipality: METEPEC,
      designated: false,
    });
    await ctx.handle.db.insert(submissions).values([
      {
        toolInstanceId: r4,
        evidenceIds: [],
        submittedBy: municipal.id,
        submittedAt: new Date("2025-03-20T17:00:00Z"),
      },
      {
        toolInstanceId: c1,
        evidenceIds: [],
        submittedBy: municipal.id,
        submittedAt: new Date("2025-04-25T17:00:00Z"),
      },
    ]);
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "validated", validatedAt: new Date("2025-04-02T17:00:00Z") })
      .where(eq(toolInstances.id, r4));
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "submitted" })
      .where(eq(toolInstances.id, c1));

    const report = json<Effectiveness>(
      await send("GET", "/api/support-actions/effectiveness", reviewer.session),
    );
    expect(report.windowDays).toBe(60);
    const measured = report.actions.find((a) => a.id === action.id);
    expect(measured).toMatchObject({
      heldOn: "2025-03-10",
      windowEndsOn: "2025-05-09",
      facilitators: ["Facilitadora de medición"],
    });
    const row = (cvegeo: string, tool: string) =>
      measured?.rows.find((r) => r.municipality.cvegeo === cvegeo && r.tool === tool);
    expect(row(METEPEC, "R4")).toMatchObject({
      baseline: "pending",
      stateNow: "validated",
      submittedWithin: true,
      validatedWithin: true,
      outcome: "closed",
    });
    expect(row(METEPEC, "C1")).toMatchObject({
      stateNow: "submitted",
      submittedWithin: true,
      outcome: "submitted",
    });
    expect(row(ECATEPEC, "R4")).toMatchObject({ outcome: "not_attended", submittedWithin: false });
    expect(row(ECATEPEC, "C1")?.outcome).toBe("not_attended");
    expect(measured?.tally).toMatchObject({
      addressed: 2,
      closed: 1,
      submitted: 2,
      closedRate: 0.5,
    });
    expect(report.byFacilitator.find((f) => f.facilitator.id === facilitator.id)).toMatchObject({
      facilitator: { name: "Facilitadora de medición" },
      actions: 1,
      tally: { addressed: 2, closed: 1, closedRate: 0.5 },
    });
    const r4Figures = report.byTool.find((t) => t.tool === "R4");
    expect(r4Figures?.toolName).toMatch(/infraestructura/i);
    expect(r4Figures?.tally.closed).toBeGreaterThanOrEqual(1);

    // A 90-day window: C1 is still within it; a 5-day one: R4 no longer closed in time.
    const ninety = json<Effectiveness>(
      await send("GET", "/api/support-actions/effectiveness?days=90", reviewer.session),
    );
    const c1Row = ninety.actions
      .find((a) => a.id === action.id)
      ?.rows.find((r) => r.tool === "C1" && r.municipality.cvegeo === METEPEC);
    expect(c1Row?.outcome).toBe("window_open");
    const five = json<Effectiveness>(
      await send("GET", "/api/support-actions/effectiveness?days=5", reviewer.session),
    );
    expect(five.actions.find((a) => a.id === action.id)?.tally.closed).toBe(0);
    const ranged = json<Effectiveness>(
      await send(
        "GET",
        "/api/support-actions/effectiveness?from=2025-03-10&to=2025-03-10",
        reviewer.session,
      ),
    );
    expect(ranged.actions.map((a) => a.id)).toEqual([action.id]);
  });

  it("should fail with 400 for a bad window and 403 for municipal users", async () => {
    expect(
      (await send("GET", "/api/support-actions/effectiveness?days=0", reviewer.session)).statusCode,
    ).toBe(400);
    expect(
      (await send("GET", "/api/support-actions/effectiveness?days=9999", reviewer.session))
        .statusCode,
    ).toBe(400);
    expect((await send("GET", "/api/support-actions/effectiveness", liaison)).statusCode).toBe(403);
  });
});
