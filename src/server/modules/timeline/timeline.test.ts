import { beforeAll, describe, expect, it } from "vitest";
import type {
  TimelineEvent,
  ToolInstance,
  ToolInstanceDetail,
} from "../../../contracts/participation.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import { json, setUpTestApp } from "../../test/app.js";
import { type Session, signedIn } from "../../test/factories.js";
import { TOLUCA } from "../../test/municipalities.js";
import { samplePdf } from "../../test/samples.js";
import { registerAgreement } from "../agreements/service.js";

const ctx = setUpTestApp({ now: () => new Date("2026-11-20T17:00:00Z") });
const reviewer = ctx.session("reviewer");
let liaison: Session;
let tools: ToolInstance[] = [];

beforeAll(async () => {
  await registerAgreement(
    ctx.handle.db,
    { municipality: TOLUCA, signedOn: "2022-11-16", cohort: "Cohorte 2022" },
    SYSTEM_ACTOR,
    new Date("2026-11-20T17:00:00Z"),
  );
  liaison = (await signedIn(ctx.app, "liaison", { municipality: TOLUCA })).session;
  tools = json<ToolInstance[]>(await ctx.get(`/api/municipalities/${TOLUCA}/tools`, liaison));
});

function instance(tool: string, part: string | null, cycle = 1): ToolInstance {
  const found = tools.find((t) => t.tool === tool && t.part === part && t.cycle === cycle);
  if (!found) {
    throw new Error(`no instance ${tool} ${part} ${cycle}`);
  }
  return found;
}

async function uploadAndSubmit(id: string): Promise<ToolInstanceDetail> {
  const upload = await ctx.upload(
    `/api/tool-instances/${id}/evidence`,
    liaison,
    "evidencia.pdf",
    await samplePdf(),
  );
  expect(upload.statusCode).toBe(201);
  const submit = await ctx.send("POST", `/api/tool-instances/${id}/submit`, liaison);
  expect(submit.statusCode).toBe(200);
  return json<ToolInstanceDetail>(submit);
}

describe("GET /api/municipalities/:cvegeo/timeline names the tool", () => {
  it("gives the tool, its part and its cycle of every event about a tool instance", async () => {
    const code = instance("E3", "a");
    const submitted = await uploadAndSubmit(code.id);
    const returned = await ctx.send("POST", `/api/tool-instances/${code.id}/review`, reviewer, {
      decision: "request_changes",
      expectedVersion: submitted.version,
      observations: [{ type: "observacion", text: "Falta la firma del cabildo." }],
    });
    expect(returned.statusCode).toBe(200);
    const observation = json<ToolInstanceDetail>(returned).history[0]?.review?.observations[0];
    const answered = await ctx.send(
      "POST",
      `/api/observations/${observation?.id}/answer`,
      liaison,
      { answer: "Se adjunta el acta firmada." },
    );
    expect(answered.statusCode).toBe(200);
    // An annual tool in its fourth cycle (the agreement is four years old).
    const accounts = instance("M3", null, 4);
    await uploadAndSubmit(accounts.id);

    const { items } = json<{ items: TimelineEvent[] }>(
      await ctx.get(`/api/municipalities/${TOLUCA}/timeline`, liaison),
    );
    const named = items.map((event) => [
      event.action,
      event.tool && [event.tool.code, event.tool.part, event.tool.cycle, event.tool.annual],
    ]);
    expect(named).toEqual([
      ["tool_instance.submitted", ["M3", null, 4, true]],
      ["evidence.uploaded", ["M3", null, 4, true]],
      ["observation.answered", ["E3", "a", 1, false]],
      ["tool_instance.changes_requested", ["E3", "a", 1, false]],
      ["tool_instance.submitted", ["E3", "a", 1, false]],
      ["evidence.uploaded", ["E3", "a", 1, false]],
      ["user.created", null],
      ["tool_instance.validated", ["E1", null, 1, false]],
      ["agreement.registered", null],
    ]);
    expect(items[2]?.tool).toEqual({
      instanceId: code.id,
      code: "E3",
      name: "Sistema de Integridad y Código de Ética",
      part: "a",
      partName: "Código de Ética",
      cycle: 1,
      opensOn: code.opensOn,
      annual: false,
    });
    expect(items[0]?.tool).toMatchObject({
      instanceId: accounts.id,
      name: "Rendición de cuentas",
      partName: null,
      opensOn: accounts.opensOn,
    });
  });
});
