import { beforeAll, describe, expect, it } from "vitest";
import type {
  Agreement,
  ToolInstance,
  ToolInstanceDetail,
} from "../../../contracts/participation.js";
import type { PublicMunicipality } from "../../../contracts/public.js";
import { json, setUpTestApp } from "../../test/app.js";
import { samplePdf } from "../../test/samples.js";

// The agreement tool (E1) is validated as of the signing date, on time, with the signed agreement
// as its document; the agreement is registered days after it was signed.
const ctx = setUpTestApp({ now: () => NOW });
const admin = ctx.session("admin");
const liaison = ctx.session("liaison");
let agreement: Agreement;
// A fixed "now": 25 Nov 2026 at noon in Mexico City; the agreement was signed on the 20th.
const NOW = new Date("2026-11-25T18:00:00Z");

beforeAll(async () => {
  const response = await ctx.send("POST", "/api/agreements", admin, {
    municipality: "15106",
    signedOn: "2026-11-20",
    cohort: "Cohorte 2026",
  });
  expect(response.statusCode).toBe(201);
  agreement = json<Agreement>(response);
});

const publicPage = async () =>
  json<PublicMunicipality>(
    await ctx.app.inject({ method: "GET", url: "/api/public/municipalities/15106" }),
  );
const toolOf = async (code: string) => {
  const tools = json<ToolInstance[]>(await ctx.get("/api/municipalities/15106/tools", liaison));
  const found = tools.find((tool) => tool.tool === code);
  if (!found) {
    throw new Error(`${code} missing`);
  }
  return found;
};
const detailOf = async (code: string) =>
  json<ToolInstanceDetail>(
    await ctx.get(`/api/tool-instances/${(await toolOf(code)).id}`, liaison),
  );

describe("the agreement tool (E1)", () => {
  it("makes a new participant 100 % on time in public: E1 validated on the signing date", async () => {
    const page = await publicPage();
    expect(page.scores?.onTime).toEqual({ due: 1, onTime: 1, rate: 1 });
    expect(page.tools.find((tool) => tool.code === "E1")).toMatchObject({
      state: "validated",
      deadline: "2026-11-20",
      validatedOn: "2026-11-20",
    });
  });

  it("shows the signed agreement as its document on the tool page, once attached", async () => {
    expect((await detailOf("E1")).agreement).toEqual({
      id: agreement.id,
      signedOn: "2026-11-20",
      document: null,
    });
    const pdf = await samplePdf("Convenio de colaboración firmado");
    const upload = await ctx.upload(
      `/api/agreements/${agreement.id}/document`,
      admin,
      "Convenio Toluca.pdf",
      pdf,
    );
    expect(upload.statusCode).toBe(204);
    const detail = await detailOf("E1");
    expect(detail).toMatchObject({ state: "validated", deadline: "2026-11-20", overdue: false });
    expect(detail.agreement?.document).toMatchObject({
      fileName: "Convenio Toluca.pdf",
      size: pdf.length,
    });
    const download = await ctx.get(`/api/agreements/${detail.agreement?.id}/document`, liaison);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    // Every other tool has its own evidence, not the agreement.
    expect((await detailOf("E2")).agreement).toBeNull();
  });

  it("moves with a correction of the signing date: validated date, deadline, other deadlines", async () => {
    const response = await ctx.send("PATCH", `/api/agreements/${agreement.id}`, admin, {
      signedOn: "2026-11-18",
      reason: "El convenio se firmó el 18 de noviembre.",
    });
    expect(response.statusCode).toBe(200);
    const page = await publicPage();
    expect(page.tools.find((tool) => tool.code === "E1")).toMatchObject({
      state: "validated",
      deadline: "2026-11-18",
      validatedOn: "2026-11-18",
    });
    expect(page.scores?.onTime).toEqual({ due: 1, onTime: 1, rate: 1 });
    expect((await toolOf("E2")).deadline).toBe("2027-02-18");
    expect((await detailOf("E1")).agreement?.signedOn).toBe("2026-11-18");
  });
});
