import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type {
  ImprovementAction,
  ImprovementOverview,
  ImprovementPlan,
  ProposedActionsResult,
} from "../../../contracts/improvement-plans.js";
import { notifications } from "../../db/schema/index.js";
import { improvementReminderJob } from "../../jobs/improvement-reminders.js";
import { runDailyJob } from "../../jobs/runner.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import type { Session } from "../../test/factories.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";
import { pdfText } from "../../test/pdf.js";
import { SAMPLE_PNG } from "../../test/samples.js";

const NOW = new Date("2026-11-25T18:00:00Z");

const ctx = setUpTestApp({ now: () => NOW, agreements: [TOLUCA, METEPEC] });
const { liaison, collaborator, otherLiaison, reviewer } = ctx.cast(TOLUCA, METEPEC);

const get = (url: string, session: Session) =>
  ctx.app.inject({ method: "GET", url, headers: { cookie: session.cookie } });
const send = (method: "POST" | "PUT", url: string, session: Session, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: session.headers, payload: payload as object });

describe("POST /api/municipalities/:cvegeo/improvement-plan/proposals", () => {
  it("should propose one action per gap in one click, never the plan's own tool", async () => {
    const before = json<ImprovementPlan>(
      await get(`/api/municipalities/${TOLUCA}/improvement-plan`, liaison),
    );
    expect(before.participating).toBe(true);
    expect(before.actions).toEqual([]);
    // E1 is validated on signing; every other tool but M4 is a gap.
    expect(before.proposals.map((p) => p.toolCode)).not.toContain("E1");
    expect(before.proposals.map((p) => p.toolCode)).not.toContain("M4");
    const response = await send(
      "POST",
      `/api/municipalities/${TOLUCA}/improvement-plan/proposals`,
      liaison,
    );
    expect(response.statusCode).toBe(201);
    const { created, plan } = json<ProposedActionsResult>(response);
    expect(created).toBe(before.proposals.length);
    expect(plan.actions).toHaveLength(created);
    expect(plan.proposals).toEqual([]);
    expect(plan.progress).toMatchObject({ total: created, done: 0, percent: 0 });
    // A second click proposes nothing new.
    const again = json<ProposedActionsResult>(
      await send("POST", `/api/municipalities/${TOLUCA}/improvement-plan/proposals`, collaborator),
    );
    expect(again.created).toBe(0);
    const events = await auditEventsOf(ctx.handle.db, "improvement_action.created");
    expect(events).toHaveLength(created);
  });
});

describe("POST /api/municipalities/:cvegeo/improvement-actions", () => {
  it("should add an action for a survey finding, and refuse one that names no finding", async () => {
    const response = await send(
      "POST",
      `/api/municipalities/${TOLUCA}/improvement-actions`,
      collaborator,
      {
        description: "Ampliar el horario de la ventanilla de transparencia",
        targetKind: "survey_finding",
        finding: "Satisfacción baja con el horario de atención",
        owner: "Unidad de Transparencia",
        dueOn: "2026-11-20",
      },
    );
    expect(response.statusCode).toBe(201);
    expect(json<ImprovementAction>(response)).toMatchObject({
      targetKind: "survey_finding",
      status: "planned",
      overdue: true,
    });
    const refused = await send(
      "POST",
      `/api/municipalities/${TOLUCA}/improvement-actions`,
      liaison,
      {
        description: "Sin hallazgo",
        targetKind: "indicator_finding",
        owner: "UT",
        dueOn: "2027-01-01",
      },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Describa el hallazgo que atiende la acción.");
  });

  it("should refuse staff (403) and hide another municipality (404)", async () => {
    const body = {
      description: "Algo",
      targetKind: "tool_gap",
      toolCode: "C1",
      owner: "UT",
      dueOn: "2027-01-01",
    };
    expect(
      (await send("POST", `/api/municipalities/${TOLUCA}/improvement-actions`, reviewer, body))
        .statusCode,
    ).toBe(403);
    expect(
      (await send("POST", `/api/municipalities/${TOLUCA}/improvement-actions`, otherLiaison, body))
        .statusCode,
    ).toBe(404);
  });
});

describe("PUT /api/improvement-actions/:id", () => {
  it("should mark an action done only with its evidence of completion, and count it", async () => {
    const plan = json<ImprovementPlan>(
      await get(`/api/municipalities/${TOLUCA}/improvement-plan`, liaison),
    );
    const action = plan.actions.find((a) => a.toolCode === "C1") as ImprovementAction;
    const body = {
      description: action.description,
      targetKind: action.targetKind,
      toolCode: action.toolCode,
      owner: "Comunicación Social",
      dueOn: action.dueOn,
      status: "done",
      expectedRevision: action.revision,
    };
    const refused = await send("PUT", `/api/improvement-actions/${action.id}`, liaison, body);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("describa la evidencia de su cumplimiento");
    const done = await send("PUT", `/api/improvement-actions/${action.id}`, liaison, {
      ...body,
      completionNote: "Plan de difusión aprobado; acta de cabildo 14/2026.",
    });
    expect(done.statusCode).toBe(200);
    expect(json<ImprovementAction>(done)).toMatchObject({
      status: "done",
      completedOn: "2026-11-25",
      owner: "Comunicación Social",
      revision: action.revision + 1,
    });
    const stale = await send("PUT", `/api/improvement-actions/${action.id}`, liaison, {
      ...body,
      completionNote: "Otra",
    });
    expect(stale.statusCode).toBe(409);
    expect(errorCode(stale)).toBe("conflict");
    const after = json<ImprovementPlan>(
      await get(`/api/municipalities/${TOLUCA}/improvement-plan`, reviewer),
    );
    expect(after.progress.done).toBe(1);
  });

  it("should attach a file as evidence and let staff download it", async () => {
    const plan = json<ImprovementPlan>(
      await get(`/api/municipalities/${TOLUCA}/improvement-plan`, liaison),
    );
    const action = plan.actions.find((a) => a.toolCode === "C1") as ImprovementAction;
    const response = await ctx.upload(
      `/api/improvement-actions/${action.id}/evidence`,
      liaison,
      "acta.png",
    );
    expect(response.statusCode).toBe(200);
    expect(json<ImprovementAction>(response).completionDocument?.fileName).toBe("acta.png");
    const download = await get(`/api/improvement-actions/${action.id}/evidence`, reviewer);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(SAMPLE_PNG)).toBe(true);
    expect(
      (await get(`/api/improvement-actions/${action.id}/evidence`, otherLiaison)).statusCode,
    ).toBe(404);
  });
});

describe("GET /api/improvement-plans/overview", () => {
  it("should give staff every plan's progress and the overdue actions", async () => {
    const overview = json<ImprovementOverview>(
      await get("/api/improvement-plans/overview", reviewer),
    );
    expect(overview.plans.map((p) => p.municipality.cvegeo)).toEqual([TOLUCA]);
    expect(overview.overdue).toHaveLength(1);
    expect(overview.overdue[0]).toMatchObject({ municipality: { cvegeo: TOLUCA }, daysOverdue: 5 });
    expect((await get("/api/improvement-plans/overview", liaison)).statusCode).toBe(403);
  });
});

describe("GET /api/municipalities/:cvegeo/improvement-plan.pdf", () => {
  it("should print the plan with its actions and the approval block", async () => {
    const response = await get(`/api/municipalities/${TOLUCA}/improvement-plan.pdf`, liaison);
    expect(response.statusCode).toBe(200);
    const text = await pdfText(response.rawPayload);
    expect(text).toContain("Plan de mejora");
    expect(text).toContain("Ampliar el horario de la ventanilla");
    expect(text).toContain("Hallazgo de la encuesta de satisfacción");
    expect(text).toContain("sesión de cabildo");
    expect(
      (await get(`/api/municipalities/${TOLUCA}/improvement-plan.pdf`, otherLiaison)).statusCode,
    ).toBe(404);
    // A private document: the download is audited, the refused one is not.
    const downloads = await auditEventsOf(ctx.handle.db, "improvement_plan.downloaded");
    expect(downloads.map((event) => ({ municipality: event.municipalityCvegeo }))).toEqual([
      { municipality: TOLUCA },
    ]);
  });
});

describe("the improvement reminders job", () => {
  it("should tell the municipality once of an overdue action and not again the next run", async () => {
    expect((await runDailyJob(ctx.handle.db, improvementReminderJob, NOW)).status).toBe("ran");
    const told = await ctx.handle.db
      .select({ title: notifications.title, link: notifications.link })
      .from(notifications)
      .where(eq(notifications.kind, "improvement_action_due"));
    const overdue = told.filter((n) => n.title.startsWith("Acción de mejora vencida"));
    // The liaison and the collaborator of Toluca, for its one overdue action.
    expect(overdue).toHaveLength(2);
    expect(overdue[0]?.link).toBe(`/municipios/${TOLUCA}/plan-de-mejora`);
    const nextDay = new Date(NOW.getTime() + 24 * 3600 * 1000);
    await runDailyJob(ctx.handle.db, improvementReminderJob, nextDay);
    const again = await ctx.handle.db
      .select({ title: notifications.title })
      .from(notifications)
      .where(eq(notifications.kind, "improvement_action_due"));
    expect(again.filter((n) => n.title.startsWith("Acción de mejora vencida"))).toHaveLength(2);
  });
});
