import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type {
  InstanceConsultation,
  PublicConsultation,
  TrainingRegister,
} from "../../../contracts/document-drafts.js";
import type { AuditAction } from "../../../domain/audit-events.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { toolInstanceOf } from "../../test/factories.js";
import { pdfText } from "../../test/pdf.js";
import { M3_REPORT } from "../../test/samples.js";

const NOW = new Date("2026-11-25T18:00:00Z");
const ctx = setUpTestApp({ now: () => NOW, agreements: ["15106", "15054"] });
const liaison = ctx.session("liaison");
const collaborator = ctx.session("collaborator");
const reviewer = ctx.session("reviewer");
const otherLiaison = ctx.session("liaison", { municipality: "15054" });

const instance = async (tool: string) => (await toolInstanceOf(ctx.app, liaison, tool)).id;

const TRAINING = {
  heldOn: "2026-11-20",
  topic: "Solicitudes de acceso a la información",
  hours: 2.5,
  audience: "Servidores públicos de Tesorería",
  peopleTrained: 18,
  evidence: "Lista de asistencia firmada",
};

const audited = (action: AuditAction) => auditEventsOf(ctx.handle.db, action);

describe("the R2 and R3 training register", () => {
  it("lets the municipality's team record trainings delivered, with totals, audited", async () => {
    const r2 = await instance("R2");
    const first = await ctx.send(
      "POST",
      `/api/tool-instances/${r2}/trainings`,
      collaborator,
      TRAINING,
    );
    expect(first.statusCode).toBe(201);
    const second = await ctx.send("POST", `/api/tool-instances/${r2}/trainings`, liaison, {
      ...TRAINING,
      heldOn: "2026-10-02",
      topic: "Obligaciones de transparencia",
      hours: 3,
      peopleTrained: 12,
    });
    const register = json<TrainingRegister>(second);
    expect(register.sessions.map((session) => session.topic)).toEqual([
      "Obligaciones de transparencia",
      "Solicitudes de acceso a la información",
    ]);
    expect(register.totals).toEqual({ sessions: 2, hours: 5.5, peopleTrained: 30 });
    expect(register.canEdit).toBe(true);
    expect((await audited("training.recorded")).length).toBe(2);

    // Staff read it; another municipality does not find it; staff do not write it.
    const read = json<TrainingRegister>(
      await ctx.get(`/api/tool-instances/${r2}/trainings`, reviewer),
    );
    expect(read.totals.sessions).toBe(2);
    expect(read.canEdit).toBe(false);
    expect((await ctx.get(`/api/tool-instances/${r2}/trainings`, otherLiaison)).statusCode).toBe(
      404,
    );
    expect(
      (await ctx.send("POST", `/api/tool-instances/${r2}/trainings`, reviewer, TRAINING))
        .statusCode,
    ).toBe(403);
  });

  it("refuses a future date, half-hour fractions and a session without people, naming the field", async () => {
    const r3 = await instance("R3");
    const response = await ctx.send("POST", `/api/tool-instances/${r3}/trainings`, liaison, {
      ...TRAINING,
      heldOn: "2026-12-01",
      hours: 1.25,
      peopleTrained: 0,
    });
    expect(response.statusCode).toBe(400);
    const fields = json<{ error: { details: { field: string }[] } }>(response).error.details.map(
      (detail) => detail.field,
    );
    expect(fields).toEqual(["heldOn", "hours", "peopleTrained"]);
    // Only R2 and R3 keep a register.
    const c2 = await instance("C2");
    expect((await ctx.get(`/api/tool-instances/${c2}/trainings`, liaison)).statusCode).toBe(404);
  });

  it("removes a session recorded by mistake and prints the register with the plan", async () => {
    const r2 = await instance("R2");
    const before = json<TrainingRegister>(
      await ctx.get(`/api/tool-instances/${r2}/trainings`, liaison),
    );
    const wrong = before.sessions[0];
    expect((await ctx.send("DELETE", `/api/trainings/${wrong?.id}`, otherLiaison)).statusCode).toBe(
      404,
    );
    const after = json<TrainingRegister>(
      await ctx.send("DELETE", `/api/trainings/${wrong?.id}`, collaborator),
    );
    expect(after.totals.sessions).toBe(1);
    expect((await audited("training.removed"))[0]?.before).toMatchObject({ topic: wrong?.topic });

    const pdf = await ctx.get(`/api/tool-instances/${r2}/draft/pdf`, liaison);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain("Registro de capacitaciones impartidas");
    expect(text).toContain("Solicitudes de acceso a la información");
    expect(text).toContain("1 capacitaciones impartidas, 2.5 horas, 18 personas capacitadas");
  });

  it("corrects a session in place, checking it as a new one, and audits what it said", async () => {
    const r2 = await instance("R2");
    const [session] = json<TrainingRegister>(
      await ctx.get(`/api/tool-instances/${r2}/trainings`, liaison),
    ).sessions;
    const url = `/api/trainings/${session?.id}`;
    const corrected = { ...TRAINING, hours: 3, peopleTrained: 21, evidence: "" };
    expect((await ctx.send("PUT", url, otherLiaison, corrected)).statusCode).toBe(404);
    expect((await ctx.send("PUT", url, reviewer, corrected)).statusCode).toBe(403);
    const future = await ctx.send("PUT", url, collaborator, { ...corrected, heldOn: "2026-12-01" });
    expect(errorCode(future)).toBe("validation_error");

    const register = json<TrainingRegister>(await ctx.send("PUT", url, collaborator, corrected));
    expect(register.sessions).toHaveLength(1);
    expect(register.sessions[0]).toMatchObject({ id: session?.id, hours: 3, evidence: "" });
    expect(register.totals).toEqual({ sessions: 1, hours: 3, peopleTrained: 21 });
    const [event] = await audited("training.corrected");
    expect(event?.before).toMatchObject({ hours: 2.5, peopleTrained: 18 });
    expect(event?.after).toMatchObject({ hours: 3, peopleTrained: 21 });
  });
});

describe("M3's public consultation", () => {
  const consultationUrl = (id: string) => `/api/tool-instances/${id}/consultation`;

  it("opens on the saved draft, takes citizens' comments for moderation, answers publicly, closes", async () => {
    const m3 = await instance("M3");
    // Nothing saved yet: citizens would read an empty report.
    const early = await ctx.send("POST", consultationUrl(m3), liaison);
    expect(early.statusCode).toBe(409);
    expect(json<{ error: { message: string } }>(early).error.message).toContain(
      "Guarde el borrador",
    );
    const saved = await ctx.send("PUT", `/api/tool-instances/${m3}/draft`, collaborator, {
      content: M3_REPORT,
      expectedRevision: 0,
    });
    expect(saved.statusCode).toBe(200);
    // The collaborator drafts; the designated liaison opens it for the municipality.
    expect((await ctx.send("POST", consultationUrl(m3), collaborator)).statusCode).toBe(403);
    const opened = await ctx.send("POST", consultationUrl(m3), liaison);
    expect(opened.statusCode).toBe(201);
    const consultation = json<InstanceConsultation>(opened).consultation;
    const token = consultation?.url.split("/consulta/")[1] ?? "";
    expect(token.length).toBeGreaterThan(20);
    // The sections of the report as put to consultation, to name the commented one.
    expect(consultation?.sections.map((section) => section.key)).toEqual([
      "proceso",
      "resultados",
      "interaccion",
      "compromisos",
    ]);
    expect(consultation?.sections[1]?.title).toBe("Resultados del periodo");
    expect((await ctx.send("POST", consultationUrl(m3), liaison)).statusCode).toBe(409);

    // A citizen reads it (no account) and comments; the comment waits for moderation.
    const publicUrl = `/api/public/consultations/${token}`;
    const page = json<PublicConsultation>(await ctx.get(publicUrl));
    expect(page.municipality.name).toBe("Toluca");
    expect(page.sections.find((s) => s.key === "resultados")?.text).toBe(
      "Atendimos 340 solicitudes.",
    );
    const comment = await ctx.app.inject({
      method: "POST",
      url: `${publicUrl}/comments`,
      payload: {
        sectionKey: "resultados",
        body: "¿Cuántas se respondieron a tiempo?",
        name: "Lucía",
      },
    });
    expect(comment.statusCode).toBe(201);
    expect(json<PublicConsultation>(await ctx.get(publicUrl)).comments).toEqual([]);
    const trap = await ctx.app.inject({
      method: "POST",
      url: `${publicUrl}/comments`,
      payload: { body: "Compre ya", website: "http://spam.test" },
    });
    expect(errorCode(trap)).toBe("consultation_comment_refused");
    const unknownSection = await ctx.app.inject({
      method: "POST",
      url: `${publicUrl}/comments`,
      payload: { sectionKey: "no_existe", body: "Hola" },
    });
    expect(unknownSection.statusCode).toBe(400);
    expect((await ctx.get("/api/public/consultations/no-existe")).statusCode).toBe(404);

    // The liaison publishes it with a public answer; a reviewer reads but does not moderate.
    const pending = json<InstanceConsultation>(await ctx.get(consultationUrl(m3), reviewer));
    const id = pending.consultation?.comments[0]?.id ?? "";
    expect(pending.consultation?.comments[0]?.status).toBe("pending");
    expect(pending.canManage).toBe(false);
    const answer = { decision: "publish", answer: "Se respondieron 320 en el plazo legal." };
    expect(
      (await ctx.send("PUT", `/api/consultation-comments/${id}`, reviewer, answer)).statusCode,
    ).toBe(403);
    expect(
      (await ctx.send("PUT", `/api/consultation-comments/${id}`, otherLiaison, answer)).statusCode,
    ).toBe(404);
    const moderated = await ctx.send("PUT", `/api/consultation-comments/${id}`, liaison, answer);
    expect(json<InstanceConsultation>(moderated).consultation?.comments[0]?.status).toBe(
      "published",
    );
    const shown = json<PublicConsultation>(await ctx.get(publicUrl)).comments;
    expect(shown).toEqual([
      expect.objectContaining({ authorName: "Lucía", answer: answer.answer }),
    ]);
    expect(shown[0]).not.toHaveProperty("status");

    // The page is served to a phone without the web app.
    const html = await ctx.get(`/consulta/${token}`);
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.body).toContain("Se respondieron 320 en el plazo legal.");
    expect(html.body).not.toContain("<script>");

    // Closed: no more comments; the record is appended to the report's exports.
    expect((await ctx.send("POST", `${consultationUrl(m3)}/close`, liaison)).statusCode).toBe(200);
    const late = await ctx.app.inject({
      method: "POST",
      url: `${publicUrl}/comments`,
      payload: { body: "Otra pregunta" },
    });
    expect(errorCode(late)).toBe("consultation_closed");
    const pdf = await pdfText(
      (await ctx.get(`/api/tool-instances/${m3}/draft/pdf`, liaison)).rawPayload,
    );
    expect(pdf).toContain("Registro de la consulta ciudadana");
    expect(pdf).toContain("Comentarios recibidos: 1; publicados con su respuesta: 1.");
    expect(pdf).toContain("Se respondieron 320 en el plazo legal.");
    const docx = await JSZip.loadAsync(
      (await ctx.get(`/api/tool-instances/${m3}/draft/docx`, liaison)).rawPayload,
    );
    const body = (await docx.file("word/document.xml")?.async("string")) ?? "";
    expect(body).toContain("¿Cuántas se respondieron a tiempo?");
    for (const action of [
      "consultation.opened",
      "consultation.commented",
      "consultation.comment_moderated",
      "consultation.closed",
    ] as const) {
      expect((await audited(action)).length, action).toBe(1);
    }
  });

  it("is only for M3, and another municipality's consultation is not found", async () => {
    const c2 = await instance("C2");
    expect((await ctx.get(consultationUrl(c2), liaison)).statusCode).toBe(404);
    const m3 = await instance("M3");
    expect((await ctx.get(consultationUrl(m3), otherLiaison)).statusCode).toBe(404);
  });
});
