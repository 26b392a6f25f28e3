/**
 * Test helpers for the progress-reading features (dashboards, report cards, exports): move a
 * municipality's tools through the real cycle (upload, submit as the liaison, review as a
 * reviewer) so that scores come from the same writes users make.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { ReviewRequest, ToolInstanceDetail } from "../../contracts/participation.js";
import { toolInstances } from "../db/schema/index.js";
import { SYSTEM_ACTOR } from "../lib/audit.js";
import { registerAgreement } from "../modules/agreements/service.js";
import type { TestContext } from "./app.js";
import { type Session, signedIn, type TestUser } from "./factories.js";
import { multipartBody, SAMPLE_PNG } from "./samples.js";

export interface CycleActors {
  reviewer: Session;
  liaisons: Map<string, { user: TestUser; session: Session }>;
}

/**
 * Registers agreements (signed on `signedOn`, in `cohort`) for each municipality, creating the
 * instances (and yearly cycles) opened by `now`.
 */
export async function joinMunicipalities(
  ctx: TestContext,
  cvegeos: readonly string[],
  options: { signedOn?: string; cohort?: string; now?: Date } = {},
): Promise<void> {
  for (const cvegeo of cvegeos) {
    await registerAgreement(
      ctx.handle.db,
      {
        municipality: cvegeo,
        signedOn: options.signedOn ?? "2022-11-16",
        cohort: options.cohort ?? "Cohorte 2022",
      },
      SYSTEM_ACTOR,
      options.now ?? new Date(),
    );
  }
}

export async function cycleActors(ctx: TestContext, cvegeos: readonly string[]) {
  const liaisons = new Map<string, { user: TestUser; session: Session }>();
  for (const cvegeo of cvegeos) {
    liaisons.set(cvegeo, await signedIn(ctx.app, "liaison", { municipality: cvegeo }));
  }
  return { reviewer: (await signedIn(ctx.app, "reviewer")).session, liaisons };
}

/** Joins the municipalities (see `joinMunicipalities`) and signs in the actors of their cycle. */
export async function joinCycle(
  ctx: TestContext,
  cvegeos: readonly string[],
  options: { signedOn?: string; cohort?: string; now?: Date } = {},
): Promise<CycleActors> {
  await joinMunicipalities(ctx, cvegeos, options);
  return cycleActors(ctx, cvegeos);
}

/** The id of a municipality's instance of a tool (the given part or none; cycle 1 unless told). */
export async function instanceId(
  ctx: TestContext,
  cvegeo: string,
  tool: string,
  part: string | null = null,
  cycle = 1,
): Promise<string> {
  const [row] = await ctx.handle.db
    .select({ id: toolInstances.id })
    .from(toolInstances)
    .where(
      and(
        eq(toolInstances.municipalityCvegeo, cvegeo),
        eq(toolInstances.toolCode, tool),
        part === null ? isNull(toolInstances.partCode) : eq(toolInstances.partCode, part),
        eq(toolInstances.cycle, cycle),
      ),
    );
  if (!row) {
    throw new Error(`no instance ${cvegeo} ${tool} ${part ?? ""}`);
  }
  return row.id;
}

/**
 * A returned instance is resubmitted only with every observation answered: answers those of its
 * latest review that still lack one, as the municipality would. Does nothing otherwise.
 */
export async function answerOpenObservations(
  ctx: TestContext,
  session: Session,
  id: string,
): Promise<void> {
  const detail = await ctx.app.inject({
    method: "GET",
    url: `/api/tool-instances/${id}`,
    headers: { cookie: session.cookie },
  });
  const body = JSON.parse(detail.body) as ToolInstanceDetail;
  if (body.state !== "changes_requested") {
    return;
  }
  for (const observation of body.history.at(-1)?.review?.observations ?? []) {
    if (observation.answer !== null) {
      continue;
    }
    const answered = await ctx.app.inject({
      method: "POST",
      url: `/api/observations/${observation.id}/answer`,
      headers: session.headers,
      payload: { answer: "Se corrigió; va la versión nueva del documento." },
    });
    if (answered.statusCode !== 200) {
      throw new Error(`answer: ${answered.statusCode} ${answered.body}`);
    }
  }
}

/** Uploads a document through the upload route and submits the instance as the municipality's liaison. */
export async function submit(
  ctx: TestContext,
  actors: CycleActors,
  cvegeo: string,
  tool: string,
  part: string | null = null,
  cycle = 1,
): Promise<string> {
  const id = await instanceId(ctx, cvegeo, tool, part, cycle);
  const liaison = actors.liaisons.get(cvegeo);
  if (!liaison) {
    throw new Error(`no liaison for ${cvegeo}`);
  }
  const body = multipartBody("evidencia.png", SAMPLE_PNG);
  const uploaded = await ctx.app.inject({
    method: "POST",
    url: `/api/tool-instances/${id}/evidence`,
    headers: { ...liaison.session.headers, ...body.headers },
    payload: body.payload,
  });
  if (uploaded.statusCode !== 201) {
    throw new Error(`upload ${tool}: ${uploaded.statusCode} ${uploaded.body}`);
  }
  await answerOpenObservations(ctx, liaison.session, id);
  const response = await ctx.app.inject({
    method: "POST",
    url: `/api/tool-instances/${id}/submit`,
    headers: liaison.session.headers,
  });
  if (response.statusCode !== 200) {
    throw new Error(`submit ${tool}: ${response.statusCode} ${response.body}`);
  }
  return id;
}

/** Submits and then reviews an instance as a reviewer. */
export async function review(
  ctx: TestContext,
  actors: CycleActors,
  cvegeo: string,
  tool: string,
  decision: Omit<ReviewRequest, "expectedVersion">,
  part: string | null = null,
  cycle = 1,
): Promise<string> {
  const id = await submit(ctx, actors, cvegeo, tool, part, cycle);
  const [row] = await ctx.handle.db
    .select({ version: toolInstances.version })
    .from(toolInstances)
    .where(eq(toolInstances.id, id));
  const response = await ctx.app.inject({
    method: "POST",
    url: `/api/tool-instances/${id}/review`,
    headers: actors.reviewer.headers,
    payload: { ...decision, expectedVersion: row?.version ?? 0 },
  });
  if (response.statusCode !== 200) {
    throw new Error(`review ${tool}: ${response.statusCode} ${response.body}`);
  }
  return id;
}

export const VALIDATE: Omit<ReviewRequest, "expectedVersion"> = { decision: "validate" };
export const RETURN: Omit<ReviewRequest, "expectedVersion"> = {
  decision: "request_changes",
  observations: [
    { type: "observacion", text: "Falta la firma del titular." },
    { type: "requerimiento", text: "Adjunte el acta de aprobación del cabildo." },
  ],
};
