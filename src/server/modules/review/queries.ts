import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import type { Database } from "../../db/client.js";
import {
  modelToolParts,
  modelTools,
  modelVersions,
  municipalities,
  observations,
  reviews,
  submissions,
  toolInstances,
  users,
} from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { instanceJoins } from "../../lib/instance-joins.js";
import { inScope } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import { agreementOfAgreementTool } from "../agreements/queries.js";
import { instanceEvidence, presentEvidence } from "../evidence/queries.js";
import { periodOf } from "../model/queries.js";
import { listInstances } from "../tool-instances/queries.js";

const submitter = alias(users, "submitter");
const reviewer = alias(users, "reviewer");

/** One instance with its evidence versions and its whole review history, oldest first. */
export async function getInstanceDetail(
  db: Database,
  id: string,
  user: AuthUser,
  now: Date,
): Promise<ToolInstanceDetail> {
  // The instance's tool belongs to the participant's model version (its agreement's): criteria and
  // levels come from there, not from the newest published model.
  const [row] = await db
    .select({
      instance: toolInstances,
      municipalityName: municipalities.name,
      tool: modelTools,
      modelVersion: modelVersions.version,
    })
    .from(toolInstances)
    .innerJoin(municipalities, instanceJoins.municipality)
    .innerJoin(modelTools, instanceJoins.tool)
    .innerJoin(modelVersions, eq(modelVersions.id, modelTools.modelVersionId))
    .where(and(eq(toolInstances.id, id), inScope(user, toolInstances.municipalityCvegeo)));
  if (!row) {
    throw notFound("La herramienta no existe.");
  }
  const cvegeo = row.instance.municipalityCvegeo;
  const summary = (await listInstances(db, cvegeo, now, true)).find(
    (instance) => instance.id === id,
  );
  if (!summary) {
    throw notFound("La herramienta no existe.");
  }
  const [evidence, sent, decided] = await Promise.all([
    instanceEvidence(db, id),
    db
      .select({ submission: submissions, submittedBy: submitter.name })
      .from(submissions)
      .innerJoin(submitter, eq(submitter.id, submissions.submittedBy))
      .where(eq(submissions.toolInstanceId, id))
      .orderBy(asc(submissions.submittedAt)),
    db
      .select({ review: reviews, reviewer: reviewer.name })
      .from(reviews)
      .innerJoin(reviewer, eq(reviewer.id, reviews.reviewerId))
      .where(eq(reviews.toolInstanceId, id)),
  ]);
  const findings =
    decided.length === 0
      ? []
      : await db
          .select({ observation: observations, answeredBy: users.name })
          .from(observations)
          .leftJoin(users, eq(users.id, observations.answeredBy))
          .where(
            inArray(
              observations.reviewId,
              decided.map((d) => d.review.id),
            ),
          )
          .orderBy(asc(observations.position));
  const [agreement, parts] = await Promise.all([
    agreementOfAgreementTool(db, row.instance),
    db
      .select({
        code: modelToolParts.code,
        name: modelToolParts.name,
        description: modelToolParts.description,
        template: modelToolParts.template,
      })
      .from(modelToolParts)
      .where(eq(modelToolParts.toolId, row.tool.id))
      .orderBy(asc(modelToolParts.position)),
  ]);
  return {
    ...summary,
    municipality: { cvegeo, name: row.municipalityName },
    maturity: row.instance.maturity,
    modelTool: {
      modelVersion: row.modelVersion ?? 0,
      description: row.tool.description,
      parts: parts.map(({ template: _template, ...part }) => part),
      period: periodOf(row.tool),
      criteria: row.tool.criteria,
      maturityLevels: row.tool.maturityLevels,
      guidedDocument:
        (row.instance.partCode === null
          ? row.tool.template
          : parts.find((part) => part.code === row.instance.partCode)?.template) != null,
    },
    agreement,
    evidence: presentEvidence(
      evidence,
      sent.map(({ submission }) => ({
        evidenceIds: submission.evidenceIds,
        decision:
          decided.find((d) => d.review.submissionId === submission.id)?.review.decision ?? null,
      })),
    ),
    history: sent.map(({ submission, submittedBy }) => {
      const decision = decided.find((d) => d.review.submissionId === submission.id);
      return {
        submissionId: submission.id,
        submittedAt: submission.submittedAt.toISOString(),
        submittedBy,
        evidenceIds: submission.evidenceIds,
        draft: submission.draftSnapshot,
        review: decision
          ? {
              id: decision.review.id,
              decision: decision.review.decision,
              reviewer: decision.reviewer,
              decidedAt: decision.review.decidedAt.toISOString(),
              criteria: decision.review.criteria,
              maturityLevel: decision.review.maturityLevel,
              observations: findings
                .filter((f) => f.observation.reviewId === decision.review.id)
                .map(({ observation, answeredBy }) => ({
                  id: observation.id,
                  type: observation.type,
                  sectionKey: observation.sectionKey,
                  text: observation.text,
                  answer: observation.answer,
                  answeredBy,
                  answeredAt: observation.answeredAt?.toISOString() ?? null,
                })),
            }
          : null,
      };
    }),
  };
}
