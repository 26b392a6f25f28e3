import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import { PublicMunicipality } from "../../../contracts/public.js";
import { createTestContext, json, type TestContext } from "../../test/app.js";
import {
  registerTestAgreement,
  type Session,
  signedIn,
  toolInstanceOf,
} from "../../test/factories.js";
import { multipartBody, samplePdf } from "../../test/samples.js";

let ctx: TestContext;
let liaison: Session;
let reviewer: Session;
const TOLUCA = "15106";

beforeAll(async () => {
  ctx = await createTestContext();
  await registerTestAgreement(ctx.handle.db);
  liaison = (await signedIn(ctx.app, "liaison", { municipality: TOLUCA })).session;
  reviewer = (await signedIn(ctx.app, "reviewer")).session;
});
afterAll(() => ctx.app.close());

const get = (url: string, session?: Session) =>
  ctx.app.inject({ method: "GET", url, headers: session ? { cookie: session.cookie } : {} });

async function upload(instanceId: string, fileName: string, isPublic: boolean) {
  const body = multipartBody(fileName, await samplePdf(fileName));
  const response = await ctx.app.inject({
    method: "POST",
    url: `/api/tool-instances/${instanceId}/evidence?public=${isPublic}`,
    headers: { ...liaison.headers, ...body.headers },
    payload: body.payload,
  });
  expect(response.statusCode).toBe(201);
  return json<ToolInstanceDetail>(response);
}

async function submit(instanceId: string) {
  const response = await ctx.app.inject({
    method: "POST",
    url: `/api/tool-instances/${instanceId}/submit`,
    headers: liaison.headers,
  });
  expect(response.statusCode).toBe(200);
  return json<ToolInstanceDetail>(response);
}

async function decide(instanceId: string, decision: "validate" | "request_changes") {
  const current = json<ToolInstanceDetail>(await get(`/api/tool-instances/${instanceId}`, reviewer));
  const response = await ctx.app.inject({
    method: "POST",
    url: `/api/tool-instances/${instanceId}/review`,
    headers: reviewer.headers,
    payload: {
      decision,
      expectedVersion: current.version,
      observations:
        decision === "request_changes"
          ? [{ type: "requerimiento", text: "El documento muestra datos personales." }]
          : [],
    },
  });
  expect(response.statusCode).toBe(200);
  return json<ToolInstanceDetail>(response);
}

const publicDocuments = async () =>
  PublicMunicipality.parse(json(await get(`/api/public/municipalities/${TOLUCA}`))).documents.map(
    (d) => d.fileName,
  );

describe("what the public sees of a returned submission", () => {
  it("never publishes a public file whose submission was returned, even once the tool is validated", async () => {
    const e2 = (await toolInstanceOf(ctx.app, liaison, "E2")).id;
    await upload(e2, "politica-con-datos-personales.pdf", true);
    await submit(e2);
    await decide(e2, "request_changes");
    await upload(e2, "politica-testada.pdf", true);
    await submit(e2);
    await decide(e2, "validate");

    expect(await publicDocuments()).toEqual(["politica-testada.pdf"]);
    const detail = json<ToolInstanceDetail>(await get(`/api/tool-instances/${e2}`, reviewer));
    const returned = detail.evidence.find((f) => f.fileName === "politica-con-datos-personales.pdf");
    expect((await get(`/api/public/documents/${returned?.id}`)).statusCode).toBe(404);
  });
});
