import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import type { ProjectCard, ProjectCardList } from "../../../contracts/project-cards.js";
import { auditEvents, toolInstances } from "../../db/schema/index.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { type Session, signedIn } from "../../test/factories.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";
import { pdfText } from "../../test/pdf.js";

const NOW = new Date("2026-11-25T18:00:00Z");

const ctx = setUpTestApp({ now: () => NOW, agreements: [TOLUCA, METEPEC] });
const { liaison, collaborator, otherLiaison, reviewer } = ctx.cast(TOLUCA, METEPEC);

const card = (overrides: Record<string, unknown> = {}) => ({
  title: "Portal de datos abiertos",
  objectives: "Publicar la información más solicitada.",
  expectedResults: "Diez conjuntos de datos publicados.",
  activities: [
    {
      description: "Analizar las solicitudes",
      responsible: "Unidad de Transparencia",
      startsOn: "2027-01-10",
      endsOn: "2027-02-28",
    },
    {
      description: "Publicar los datos",
      responsible: "Gobierno Digital",
      startsOn: "2027-03-01",
      endsOn: "2027-06-30",
    },
  ],
  budgetAmount: 125000.5,
  budgetSource: "Recursos propios",
  developmentPlanLink: "Eje transversal: gobierno abierto, objetivo 1.",
  startsOn: "2027-01-10",
  endsOn: "2027-06-30",
  ...overrides,
});

const create = (cvegeo: string, session: Session, body: unknown = card()) =>
  ctx.send(
    "POST",
    `/api/municipalities/${cvegeo}/project-cards`,
    session,
    body as Record<string, unknown>,
  );
const get = (url: string, session: Session) =>
  ctx.app.inject({ method: "GET", url, headers: { cookie: session.cookie } });

async function e4Deadline(cvegeo: string): Promise<string | null> {
  const [row] = await ctx.handle.db
    .select({ deadline: toolInstances.deadline })
    .from(toolInstances)
    .where(and(eq(toolInstances.municipalityCvegeo, cvegeo), eq(toolInstances.toolCode, "E4")));
  return row?.deadline ?? null;
}

describe("POST /api/municipalities/:cvegeo/project-cards", () => {
  it("should record a card and give E4 the card's end date as its deadline, audited", async () => {
    expect(await e4Deadline(TOLUCA)).toBeNull();
    const response = await create(TOLUCA, liaison);
    expect(response.statusCode).toBe(201);
    const created = json<ProjectCard>(response);
    expect(created).toMatchObject({
      municipality: { cvegeo: TOLUCA, name: "Toluca" },
      budgetAmount: 125000.5,
      status: "planned",
      progress: 0,
      revision: 0,
    });
    expect(created.activities).toHaveLength(2);
    expect(await e4Deadline(TOLUCA)).toBe("2027-06-30");
    const events = await ctx.handle.db
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.municipalityCvegeo, TOLUCA));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["project_card.created", "tool_instance.deadline_set"]),
    );
  });

  it("should take the latest end date of the cards not cancelled as E4's deadline", async () => {
    const later = json<ProjectCard>(
      await create(TOLUCA, collaborator, card({ title: "Capacitación", endsOn: "2027-09-30" })),
    );
    expect(await e4Deadline(TOLUCA)).toBe("2027-09-30");
    const cancelled = await ctx.send(
      "PUT",
      `/api/project-cards/${later.id}`,
      collaborator,
      card({
        title: "Capacitación",
        endsOn: "2027-09-30",
        status: "cancelled",
        expectedRevision: 0,
      }),
    );
    expect(cancelled.statusCode).toBe(200);
    expect(json<ProjectCard>(cancelled)).toMatchObject({ status: "cancelled", revision: 1 });
    expect(await e4Deadline(TOLUCA)).toBe("2027-06-30");
    const detail = json<ToolInstanceDetail>(
      await get(
        `/api/tool-instances/${json<ProjectCardList>(await get(`/api/municipalities/${TOLUCA}/project-cards`, liaison)).tool?.id}`,
        liaison,
      ),
    );
    expect(detail.deadline).toBe("2027-06-30");
  });

  it("should refuse a card whose dates do not fit, naming the field", async () => {
    const response = await create(
      TOLUCA,
      liaison,
      card({ startsOn: "2027-07-01", endsOn: "2027-06-30" }),
    );
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("validation_error");
    expect(response.body).toContain("endsOn");
    expect(response.body).toContain("La fecha de término no puede ser anterior a la de inicio.");
    const outside = await create(
      TOLUCA,
      liaison,
      card({ startsOn: "2027-02-01", endsOn: "2027-06-30" }),
    );
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain("dentro de las del proyecto");
    const done = await create(TOLUCA, liaison, card({ status: "completed", progress: 80 }));
    expect(done.statusCode).toBe(400);
    expect(done.body).toContain("100 %");
  });

  it("should refuse staff (403) and hide another municipality (404)", async () => {
    const staff = await create(TOLUCA, reviewer);
    expect(staff.statusCode).toBe(403);
    const other = await create(TOLUCA, otherLiaison);
    expect(other.statusCode).toBe(404);
  });

  it("should refuse a municipality without an agreement with 409", async () => {
    const outsider = (await signedIn(ctx.app, "liaison", { municipality: "15001" })).session;
    const response = await create("15001", outsider);
    expect(response.statusCode).toBe(409);
    expect(json<{ error: { message: string } }>(response).error.message).toContain("convenio");
  });
});

describe("PUT /api/project-cards/:id", () => {
  it("should refuse a stale edit with 409 and keep the card as it was", async () => {
    const { cards } = json<ProjectCardList>(
      await get(`/api/municipalities/${TOLUCA}/project-cards`, liaison),
    );
    const first = cards[0] as ProjectCard;
    const edit = (expectedRevision: number, progress: number) =>
      ctx.send(
        "PUT",
        `/api/project-cards/${first.id}`,
        liaison,
        card({ status: "in_progress", progress, expectedRevision }),
      );
    expect((await edit(first.revision, 30)).statusCode).toBe(200);
    const stale = await edit(first.revision, 60);
    expect(stale.statusCode).toBe(409);
    expect(json<ProjectCard>(await get(`/api/project-cards/${first.id}`, reviewer)).progress).toBe(
      30,
    );
  });
});

describe("GET /api/municipalities/:cvegeo/project-cards", () => {
  it("should list the cards with the E4 tool and its deadline, for staff too", async () => {
    const list = json<ProjectCardList>(
      await get(`/api/municipalities/${TOLUCA}/project-cards`, reviewer),
    );
    expect(list.tool).toMatchObject({ code: "E4", deadline: "2027-06-30" });
    expect(list.cards.map((c) => c.title)).toEqual(["Portal de datos abiertos", "Capacitación"]);
    const hidden = await get(`/api/municipalities/${TOLUCA}/project-cards`, otherLiaison);
    expect(hidden.statusCode).toBe(404);
  });
});

describe("GET /api/project-cards/:id/pdf", () => {
  it("should print the card with its activities and the cabildo's approval block", async () => {
    const { cards } = json<ProjectCardList>(
      await get(`/api/municipalities/${TOLUCA}/project-cards`, liaison),
    );
    const response = await get(`/api/project-cards/${cards[0]?.id}/pdf`, liaison);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(response.rawPayload);
    expect(text).toContain("Ficha de proyecto de transparencia");
    expect(text).toContain("Portal de datos abiertos");
    expect(text).toContain("Analizar las solicitudes");
    expect(text).toContain("$125,000.50");
    expect(text).toContain("sesión de cabildo");
    const hidden = await get(`/api/project-cards/${cards[0]?.id}/pdf`, otherLiaison);
    expect(hidden.statusCode).toBe(404);
    // A private document: the download is audited, the refused one is not.
    const downloads = await auditEventsOf(ctx.handle.db, "project_card.downloaded");
    expect(
      downloads.map((event) => ({
        entityId: event.entityId,
        municipality: event.municipalityCvegeo,
      })),
    ).toEqual([{ entityId: cards[0]?.id, municipality: TOLUCA }]);
  });
});
