// The standard questionnaire belongs to the model version: the institute edits it in a draft,
// publishes it with the version, and a survey snapshots the questionnaire of its participant's
// version (the agreement's), not the newest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelVersionDetail, PublishedModel } from "../../../contracts/model.js";
import type { InstanceSurvey } from "../../../contracts/surveys.js";
import { QUESTIONNAIRE_2022, STANDARD_QUESTIONNAIRE_2022 } from "../../../domain/survey.js";
import { createTestContext, errorCode, json, type TestContext } from "../../test/app.js";
import {
  registerTestAgreement,
  type Session,
  signedIn,
  toolInstanceOf,
} from "../../test/factories.js";

let ctx: TestContext;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await signedIn(ctx.app, "admin")).session;
});
afterAll(() => ctx.app.close());

const saveDraft = (draft: ModelVersionDetail, content: ModelVersionDetail["content"]) =>
  ctx.app.inject({
    method: "PUT",
    url: `/api/model/versions/${draft.id}`,
    headers: admin.headers,
    payload: { content, expectedRevision: draft.revision },
  });

async function openedSurvey(municipality: string) {
  const liaison = (await signedIn(ctx.app, "liaison", { municipality })).session;
  const m1 = (await toolInstanceOf(ctx.app, liaison, "M1", { municipality })).id;
  const before = json<InstanceSurvey>(
    await ctx.app.inject({
      method: "GET",
      url: `/api/tool-instances/${m1}/survey`,
      headers: liaison.headers,
    }),
  );
  const opened = await ctx.app.inject({
    method: "POST",
    url: `/api/tool-instances/${m1}/survey`,
    headers: liaison.headers,
  });
  expect(opened.statusCode).toBe(201);
  const { token } = json<{ token: string }>(opened);
  const form = json<{ questions: { code: string; text: string }[] }>(
    await ctx.app.inject({ method: "GET", url: `/api/public/surveys/${token}` }),
  );
  return { offered: before.standardQuestions, asked: form.questions };
}

describe("the survey questionnaire of a model version", () => {
  it("is edited in a draft, refused with a reserved or repeated code, published with the version, and snapshotted by the surveys of that version only", async () => {
    // Toluca joins under version 1 (2022's questionnaire, stored with the seeded version).
    await registerTestAgreement(ctx.handle.db, "15106");
    const model = json<PublishedModel>(await ctx.app.inject({ method: "GET", url: "/api/model" }));
    expect(model.surveyQuestionnaire).toEqual(QUESTIONNAIRE_2022);

    const created = await ctx.app.inject({
      method: "POST",
      url: "/api/model/versions",
      headers: admin.headers,
    });
    const draft = json<ModelVersionDetail>(created);
    expect(draft.content.surveyQuestionnaire).toEqual(QUESTIONNAIRE_2022);

    const content = structuredClone(draft.content);
    const questionnaire = content.surveyQuestionnaire;
    if (!questionnaire) {
      throw new Error("no questionnaire");
    }
    // A fixed question's code cannot be taken by an item: refused even in a draft.
    questionnaire.items.push({ code: "canal", text: "Otra afirmación." });
    const reserved = await saveDraft(draft, content);
    expect(reserved.statusCode).toBe(400);
    expect(errorCode(reserved)).toBe("model_invalid");
    expect(reserved.body).toContain("surveyQuestionnaire.items.7.code");

    // Remove the first item, reword another, move the last one first, add one, reword «overall».
    questionnaire.items = questionnaire.items.slice(1, 7);
    const last = questionnaire.items.pop();
    if (last) {
      questionnaire.items.unshift({ ...last, text: "Le atendieron con amabilidad." });
    }
    questionnaire.items.push({
      code: "datos_abiertos",
      text: "Los datos abiertos del municipio le resultaron útiles.",
    });
    questionnaire.overall = "En general, ¿qué tan satisfecho(a) quedó?";
    const saved = await saveDraft(draft, content);
    expect(saved.statusCode).toBe(200);
    expect(json<ModelVersionDetail>(saved).content.surveyQuestionnaire).toEqual(questionnaire);

    const published = await ctx.app.inject({
      method: "POST",
      url: `/api/model/versions/${draft.id}/publish`,
      headers: admin.headers,
    });
    expect(published.statusCode).toBe(200);
    const inForce = json<PublishedModel>(
      await ctx.app.inject({ method: "GET", url: "/api/model" }),
    );
    expect(inForce).toMatchObject({ version: 2, surveyQuestionnaire: questionnaire });

    // Zinacantepec joins under version 2: its survey asks the edited questionnaire.
    await registerTestAgreement(ctx.handle.db, "15118");
    const edited = await openedSurvey("15118");
    const codes = edited.asked.map((question) => question.code);
    expect(codes).toEqual([
      "atencion_unidad",
      "portal_clara",
      "portal_actualizada",
      "solicitud_sencilla",
      "solicitud_plazo",
      "solicitud_util",
      "datos_abiertos",
      "satisfaccion_general",
      "tipo_persona",
      "canal",
      "comentario",
    ]);
    expect(edited.asked[0]?.text).toBe("Le atendieron con amabilidad.");
    expect(edited.asked.find((q) => q.code === "satisfaccion_general")?.text).toBe(
      questionnaire.overall,
    );
    expect(edited.offered.map((question) => question.code)).toEqual(codes);

    // Toluca's agreement is of version 1: its survey keeps the 2022 questionnaire.
    const toluca = await openedSurvey("15106");
    expect(toluca.asked.map((question) => question.code)).toEqual(
      STANDARD_QUESTIONNAIRE_2022.map((question) => question.code),
    );
  });
});
