import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type {
  Agreement,
  LiaisonDesignation,
  ToolInstance,
} from "../../../contracts/participation.js";
import { auditEvents, users } from "../../db/schema/index.js";
import { errorCode, errorOf, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { buildUser, signIn } from "../../test/factories.js";

const ctx = setUpTestApp({ now: () => NOW });
const admin = ctx.session("admin");
// A fixed "now": 25 Nov 2026 at noon in Mexico City.
const NOW = new Date("2026-11-25T18:00:00Z");

const register = (payload: Record<string, unknown>) =>
  ctx.app.inject({ method: "POST", url: "/api/agreements", headers: admin.headers, payload });
const agreementOf = async (cvegeo: string) =>
  json<Agreement>(await ctx.get(`/api/municipalities/${cvegeo}/agreement`, admin));
const liaisons = async (cvegeo: string) =>
  json<LiaisonDesignation[]>(await ctx.get(`/api/municipalities/${cvegeo}/liaisons`, admin));
/** Designates Toluca's (15106) liaison. */
const designate = (userId: string | undefined, designatedOn = "2025-01-01") =>
  ctx.send("POST", "/api/municipalities/15106/liaison", admin, { userId, designatedOn });
/** Toluca's `liaison.designated` audit events, oldest first. */
const designationEvents = () =>
  auditEventsOf(ctx.handle.db, "liaison.designated", { municipality: "15106" });
const tools = async (cvegeo: string, session = admin) =>
  json<ToolInstance[]>(await ctx.get(`/api/municipalities/${cvegeo}/tools`, session));

describe("POST /api/agreements", () => {
  it("registers the agreement, creates every tool instance with its deadline and validates E1", async () => {
    const response = await register({
      municipality: "15106",
      signedOn: "2022-11-16",
      cohort: "Cohorte 2022",
    });
    expect(response.statusCode).toBe(201);
    expect(json<Agreement>(response)).toMatchObject({
      municipality: { cvegeo: "15106", name: "Toluca" },
      signedOn: "2022-11-16",
      modelVersion: 1,
      liaison: null,
    });

    const instances = await tools("15106");
    // 23 deliverables, plus 4 annual tools × 4 more cycles opened by 25 Nov 2026.
    expect(instances).toHaveLength(23 + 4 * 4);
    const e1 = instances.find((i) => i.tool === "E1");
    expect(e1).toMatchObject({
      state: "validated",
      deadline: "2022-11-16",
      overdue: false,
      daysLeft: null,
    });
    const e2 = instances.find((i) => i.tool === "E2");
    expect(e2).toMatchObject({
      state: "pending",
      deadline: "2023-02-16",
      overdue: true,
      daysLeft: -1378,
      toolName: "Política de Transparencia y Acceso a la Información Pública",
      dimension: "E",
      dimensionName: "Estrategia",
      annual: false,
    });
    expect(instances.filter((i) => i.tool === "R2").map((i) => [i.cycle, i.annual])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
      [5, true],
    ]);
    expect(instances.filter((i) => i.tool === "R1").map((i) => [i.part, i.partName])).toEqual([
      ["a", "Oficial o Encargado de Transparencia"],
      ["b", "Transparencia activa"],
      ["c", "Transparencia pasiva"],
      ["d", "Gestión documental"],
    ]);
    expect(
      instances.filter((i) => i.tool === "M1").map((i) => [i.cycle, i.deadline, i.overdue]),
    ).toEqual([
      [1, "2023-11-16", true],
      [2, "2024-11-16", true],
      [3, "2025-11-16", true],
      [4, "2026-11-16", true],
      [5, "2027-11-16", false],
    ]);
    expect(instances.find((i) => i.tool === "E4")).toMatchObject({
      deadline: null,
      overdue: false,
      daysLeft: null,
    });

    const events = await ctx.handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.municipalityCvegeo, "15106"));
    expect(events.map((e) => e.action).sort()).toEqual([
      "agreement.registered",
      "tool_instance.validated",
    ]);
  });

  it("clamps deadlines to the month's end for an agreement signed on 30 November", async () => {
    await register({ municipality: "15054", signedOn: "2023-11-30", cohort: "Cohorte 2023" });
    const instances = await tools("15054");
    expect(instances.find((i) => i.tool === "E2")?.deadline).toBe("2024-02-29");
    expect(instances.find((i) => i.tool === "C4")?.deadline).toBe("2024-04-30");
  });

  it("refuses a second agreement for the same municipality, a future date and an unknown municipality", async () => {
    const again = await register({ municipality: "15106", signedOn: "2023-01-01", cohort: "Otra" });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("conflict");
    // Toluca keeps the agreement it had: its date and its cohort.
    expect(await agreementOf("15106")).toMatchObject({
      signedOn: "2022-11-16",
      cohort: "Cohorte 2022",
    });
    const future = await register({
      municipality: "15001",
      signedOn: "2026-12-01",
      cohort: "Futuro",
    });
    expect(errorOf(future, 400)).toMatchObject({ details: [{ field: "signedOn" }] });
    const unknown = await register({ municipality: "15999", signedOn: "2023-01-01", cohort: "X" });
    expect(unknown.statusCode).toBe(404);
    expect(errorCode(unknown)).toBe("not_found");
    const badDate = await register({ municipality: "15001", signedOn: "2023-02-30", cohort: "X" });
    expect(badDate.statusCode).toBe(400);
    expect(errorCode(badDate)).toBe("validation_error");
    // Nothing was half-written: 15001 still does not take part.
    expect(await tools("15001")).toEqual({
      error: {
        code: "not_found",
        message: "El municipio no participa: no tiene convenio registrado.",
      },
    });
  });
});

describe("PATCH /api/agreements/:id", () => {
  it("corrects the signing date with a reason, moves every deadline and keeps before/after in the audit trail", async () => {
    const [agreement] = json<Agreement[]>(
      await ctx.get("/api/agreements?cohort=Cohorte%202023", admin),
    );
    const response = await ctx.send("PATCH", `/api/agreements/${agreement?.id}`, admin, {
      signedOn: "2023-11-15",
      reason: "La fecha del acta es el 15 de noviembre.",
    });
    expect(json<Agreement>(response).signedOn).toBe("2023-11-15");
    const instances = await tools("15054");
    expect(instances.find((i) => i.tool === "E2")?.deadline).toBe("2024-02-15");
    const [event] = await auditEventsOf(ctx.handle.db, "agreement.corrected");
    expect(event).toMatchObject({
      before: { signedOn: "2023-11-30" },
      after: { signedOn: "2023-11-15", reason: "La fecha del acta es el 15 de noviembre." },
    });
  });

  it("refuses a correction without a reason", async () => {
    const [agreement] = json<Agreement[]>(await ctx.get("/api/agreements", admin));
    const response = await ctx.send("PATCH", `/api/agreements/${agreement?.id}`, admin, {
      cohort: "X",
    });
    expect(errorOf(response, 400)).toMatchObject({ details: [{ field: "reason" }] });
  });
});

describe("tools of a municipality", () => {
  it("are visible to its own liaison and hidden (404) from another municipality's", async () => {
    const own = await signIn(
      ctx.app,
      await buildUser(ctx.handle.db, "liaison", { municipality: "15106", designated: false }),
    );
    const other = await signIn(
      ctx.app,
      await buildUser(ctx.handle.db, "collaborator", { municipality: "15054" }),
    );
    expect(await tools("15106", own)).toHaveLength(39);
    const hidden = await ctx.get("/api/municipalities/15106/tools", other);
    expect(hidden.statusCode).toBe(404);
    expect(errorCode(hidden)).toBe("not_found");
  });
});

describe("POST /api/municipalities/:cvegeo/liaison", () => {
  it("designates a liaison; a new one replaces the old, whose account loses access, with history kept", async () => {
    // Designated below, through the API (the factory would designate them itself).
    const unDesignated = { municipality: "15106", designated: false };
    const first = await buildUser(ctx.handle.db, "liaison", unDesignated);
    const second = await buildUser(ctx.handle.db, "liaison", unDesignated);

    expect((await designate(first.id, "2022-11-20")).statusCode).toBe(200);
    const firstSession = await signIn(ctx.app, first);
    const history = json<LiaisonDesignation[]>(await designate(second.id, "2025-01-01"));
    expect(history.map((d) => [d.user.email, d.current, d.user.active])).toEqual([
      [second.email, true, true],
      [first.email, false, false],
    ]);
    expect((await ctx.get("/api/auth/me", firstSession)).statusCode).toBe(401);
    const agreement = json<Agreement[]>(await ctx.get("/api/agreements", admin)).find(
      (a) => a.municipality.cvegeo === "15106",
    );
    expect(agreement?.liaison?.email).toBe(second.email);

    const [event] = await designationEvents();
    expect(event?.after).toMatchObject({ email: first.email });
    const [stillThere] = await ctx.handle.db.select().from(users).where(eq(users.id, first.id));
    expect(stillThere?.email).toBe(first.email);
  });

  it("refuses a designation of staff, of another municipality's liaison, or twice the same person", async () => {
    const reviewer = await buildUser(ctx.handle.db, "reviewer");
    const foreign = await buildUser(ctx.handle.db, "liaison", {
      municipality: "15054",
      designated: false,
    });
    const before = await liaisons("15106");
    // The designation test above left two: the current liaison and the one replaced.
    expect(before.map((d) => d.current)).toEqual([true, false]);
    const current = (await agreementOf("15106")).liaison;
    expect(current?.id).toBe(before[0]?.user.id);
    for (const userId of [reviewer.id, foreign.id]) {
      const response = await designate(userId);
      expect(errorOf(response, 400)).toMatchObject({
        code: "validation_error",
        details: [{ field: "userId" }],
      });
    }
    const twice = await designate(current?.id);
    expect(twice.statusCode).toBe(409);
    expect(errorCode(twice)).toBe("conflict");
    // Nothing changed: the same current liaison, the same history, no new audit event.
    expect((await agreementOf("15106")).liaison?.id).toBe(current?.id);
    expect(await liaisons("15106")).toEqual(before);
    expect(await designationEvents()).toHaveLength(2);
  });
});
