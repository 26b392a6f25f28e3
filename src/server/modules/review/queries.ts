import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import { localDateOf } from "../../../domain/dates.js";
import { municipalityScopeOf } from "../../../domain/policy.js";
import type { Database } from "../../db/client.js";
import {
  modelDimensions,
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
import { preparedOn } from "../../lib/prepared.js";
import { inScopeOf } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import { agreementOfAgreementTool } from "../agreements/queries.js";
import { instanceEvidence, presentEvidence } from "../evidence/queries.js";
import { periodOf } from "../model/queries.js";
import { instanceNameColumns, instanceSummary } from "../tool-instances/queries.js";

const submitter = alias(users, "submitter");
const reviewer = alias(users, "reviewer");

/** One instance with its evidence versions and its whole review history, oldest first. */
export async function getInstanceDetail(
  db: Database,
  id: string,
  user: AuthUser,
  now: Date,
): Promise<ToolInstanceDetail> {
  // The tool page's read and every tool action's answer: its queries are planned once (named
  // prepared statements) and, but for the first, run side by side.
  const [row] = await instanceWithNames(db).execute({ id, scope: municipalityScopeOf(user) });
  if (!row) {
    throw notFound("La herramienta no existe.");
  }
  const cvegeo = row.instance.municipalityCvegeo;
  const summary = instanceSummary(
    { ...row, toolName: row.tool.name, periodKind: row.tool.periodKind },
    localDateOf(now),
  );
  const [evidence, sent, decided, findings, agreement, parts] = await Promise.all([
    instanceEvidence(db, id),
    instanceSubmissions(db).execute({ id }),
    instanceReviews(db).execute({ id }),
    instanceObservations(db).execute({ id }),
    agreementOfAgreementTool(db, row.instance, row.tool),
    toolParts(db).execute({ toolId: row.tool.id }),
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

// The instance's tool belongs to the participant's model version (its agreement's): criteria and
// levels come from there, not from the newest published model.
const instanceWithNames = preparedOn((db) =>
  db
    .select({
      ...instanceNameColumns,
      municipalityName: municipalities.name,
      tool: modelTools,
      modelVersion: modelVersions.version,
    })
    .from(toolInstances)
    .innerJoin(municipalities, instanceJoins.municipality)
    .innerJoin(modelTools, instanceJoins.tool)
    .innerJoin(modelDimensions, instanceJoins.dimension)
    .innerJoin(modelVersions, eq(modelVersions.id, modelTools.modelVersionId))
    .leftJoin(modelToolParts, instanceJoins.part)
    .where(
      and(
        eq(toolInstances.id, sql.placeholder("id")),
        inScopeOf(toolInstances.municipalityCvegeo, "scope"),
      ),
    )
    .prepare("mrtm_instance_detail"),
);

const instanceSubmissions = preparedOn((db) =>
  db
    .select({ submission: submissions, submittedBy: submitter.name })
    .from(submissions)
    .innerJoin(submitter, eq(submitter.id, submissions.submittedBy))
    .where(eq(submissions.toolInstanceId, sql.placeholder("id")))
    .orderBy(asc(submissions.submittedAt))
    .prepare("mrtm_instance_submissions"),
);

const instanceReviews = preparedOn((db) =>
  db
    .select({ review: reviews, reviewer: reviewer.name })
    .from(reviews)
    .innerJoin(reviewer, eq(reviewer.id, reviews.reviewerId))
    .where(eq(reviews.toolInstanceId, sql.placeholder("id")))
    .prepare("mrtm_instance_reviews"),
);

/** The observations of every review of the instance, in their order within each review. */
const instanceObservations = preparedOn((db) =>
  db
    .select({ observation: observations, answeredBy: users.name })
    .from(observations)
    .innerJoin(reviews, eq(reviews.id, observations.reviewId))
    .leftJoin(users, eq(users.id, observations.answeredBy))
    .where(eq(reviews.toolInstanceId, sql.placeholder("id")))
    .orderBy(asc(observations.position))
    .prepare("mrtm_instance_observations"),
);

const toolParts = preparedOn((db) =>
  db
    .select({
      code: modelToolParts.code,
      name: modelToolParts.name,
      description: modelToolParts.description,
      template: modelToolParts.template,
    })
    .from(modelToolParts)
    .where(eq(modelToolParts.toolId, sql.placeholder("toolId")))
    .orderBy(asc(modelToolParts.position))
    .prepare("mrtm_tool_parts"),
);
