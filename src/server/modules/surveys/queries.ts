import { asc, desc, eq } from "drizzle-orm";
import type {
  InstanceSurvey,
  PublicSurvey,
  SurveyComparison,
  SurveyDetail,
} from "../../../contracts/surveys.js";
import { median } from "../../../domain/scores.js";
import {
  type Answers,
  COMMENT_CODE,
  defaultPrivacyNotice,
  openSurveyProblem,
  SURVEY_NOT_FOUND_MESSAGE,
  type SurveyResults,
  standardQuestionnaire,
  surveyResults,
} from "../../../domain/survey.js";
import type { Database, Executor } from "../../db/client.js";
import {
  modelTools,
  modelVersions,
  municipalities,
  surveyResponses,
  surveys,
  toolInstances,
} from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { instanceJoins } from "../../lib/instance-joins.js";
import { canSeeMunicipality } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";

export type SurveyRow = typeof surveys.$inferSelect;

/** The public path of a survey's form. */
export const surveyPath = (token: string) => `/encuesta/${token}`;

/** An instance the user may see, with its municipality's name, its model version's number and questionnaire. */
export async function getSurveyInstance(db: Executor, id: string, user: AuthUser) {
  const [row] = await db
    .select({
      instance: toolInstances,
      municipalityName: municipalities.name,
      modelVersion: modelVersions.version,
      questionnaire: modelVersions.surveyQuestionnaire,
    })
    .from(toolInstances)
    .innerJoin(municipalities, instanceJoins.municipality)
    .innerJoin(modelTools, instanceJoins.tool)
    .innerJoin(modelVersions, eq(modelVersions.id, modelTools.modelVersionId))
    .where(eq(toolInstances.id, id));
  if (!row || !canSeeMunicipality(user, row.instance.municipalityCvegeo)) {
    throw notFound("La herramienta no existe.");
  }
  return row;
}

export async function findSurveyOfInstance(
  db: Executor,
  instanceId: string,
): Promise<SurveyRow | null> {
  const [survey] = await db.select().from(surveys).where(eq(surveys.toolInstanceId, instanceId));
  return survey ?? null;
}

/** Every answer of a survey, oldest first: what the results, the report and the XLSX read. */
export async function surveyAnswers(db: Executor, surveyId: string) {
  return db
    .select({
      id: surveyResponses.id,
      answers: surveyResponses.answers,
      submittedAt: surveyResponses.submittedAt,
      commentHiddenAt: surveyResponses.commentHiddenAt,
    })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId))
    .orderBy(asc(surveyResponses.submittedAt), asc(surveyResponses.id));
}
export type SurveyAnswerRow = Awaited<ReturnType<typeof surveyAnswers>>[number];

/** A survey with its live results and its comments (hidden ones flagged), for its municipality and staff. */
export async function presentSurvey(
  db: Executor,
  survey: SurveyRow,
  cycle: number,
  publicUrl: string,
): Promise<SurveyDetail> {
  const rows = await surveyAnswers(db, survey.id);
  return {
    id: survey.id,
    toolInstanceId: survey.toolInstanceId,
    cycle,
    status: survey.status,
    token: survey.token,
    url: `${publicUrl}${surveyPath(survey.token)}`,
    privacyNotice: survey.privacyNotice,
    questions: survey.questions,
    openedAt: survey.openedAt.toISOString(),
    closedAt: survey.closedAt?.toISOString() ?? null,
    results: surveyResults(
      survey.questions,
      rows.map((row) => row.answers),
    ),
    comments: commentsOf(rows).map((comment) => ({
      ...comment,
      submittedAt: comment.submittedAt.toISOString(),
    })),
  };
}

/** The answers that carry a comment, newest first. */
export function commentsOf(rows: readonly SurveyAnswerRow[]) {
  return rows
    .filter((row) => typeof row.answers[COMMENT_CODE] === "string")
    .map((row) => ({
      id: row.id,
      text: String((row.answers as Answers)[COMMENT_CODE]),
      submittedAt: row.submittedAt,
      hidden: row.commentHiddenAt !== null,
    }))
    .reverse();
}

/** What the survey screen of an instance shows: its survey, or what opening one would ask. */
export async function getInstanceSurvey(
  db: Database,
  instanceId: string,
  user: AuthUser,
  publicUrl: string,
): Promise<InstanceSurvey> {
  const { instance, municipalityName, questionnaire } = await getSurveyInstance(
    db,
    instanceId,
    user,
  );
  const survey = await findSurveyOfInstance(db, instance.id);
  const detail = survey ? await presentSurvey(db, survey, instance.cycle, publicUrl) : null;
  return {
    survey: detail,
    // The survey just presented is not read and summed a second time (10,000 answers take a while).
    comparison: await surveyComparison(
      db,
      instance.municipalityCvegeo,
      detail ? new Map([[detail.id, detail.results]]) : undefined,
    ),
    municipality: { cvegeo: instance.municipalityCvegeo, name: municipalityName },
    openProblem: openSurveyProblem({
      toolCode: instance.toolCode,
      state: instance.state,
      hasSurvey: survey !== null,
    }),
    standardQuestions: [...standardQuestionnaire(questionnaire)],
    defaultPrivacyNotice: defaultPrivacyNotice(municipalityName),
  };
}

type SurveyFigures = Pick<SurveyResults, "responses" | "index">;
/**
 * The responses and index of each closed survey this process has summed, by survey id. A closed
 * survey takes no more answers and hiding a comment changes neither figure, so they never change:
 * every read of a comparison would otherwise read and sum every municipality's latest closed survey
 * again. Read from committed data only (`surveyComparison` takes the database, not a transaction);
 * one small entry per closed survey, a few thousand in a region.
 */
const closedFigures = new Map<string, SurveyFigures>();

/**
 * A municipality's surveys cycle by cycle (index and interval) and, for the rest of the region,
 * the median index of each other municipality's latest closed survey: staff and the liaison see
 * that figure, never another municipality's answers. Reads one survey's answers at a time, except
 * those whose results the caller already has (`known`, by survey id).
 */
export async function surveyComparison(
  db: Database,
  cvegeo: string,
  known?: ReadonlyMap<string, SurveyResults>,
): Promise<SurveyComparison> {
  const rows = await db
    .select({
      id: surveys.id,
      cvegeo: surveys.municipalityCvegeo,
      cycle: toolInstances.cycle,
      status: surveys.status,
      questions: surveys.questions,
    })
    .from(surveys)
    .innerJoin(toolInstances, eq(toolInstances.id, surveys.toolInstanceId))
    .orderBy(asc(surveys.municipalityCvegeo), desc(toolInstances.cycle));
  const resultsOf = async (row: (typeof rows)[number]): Promise<SurveyFigures> => {
    const figures = known?.get(row.id) ?? closedFigures.get(row.id);
    if (figures) {
      return figures;
    }
    const results = surveyResults(
      row.questions,
      (await surveyAnswers(db, row.id)).map((answer) => answer.answers),
    );
    if (row.status === "closed") {
      closedFigures.set(row.id, { responses: results.responses, index: results.index });
    }
    return results;
  };
  const cycles: SurveyComparison["cycles"] = [];
  const others: number[] = [];
  const counted = new Set<string>();
  for (const row of rows) {
    if (row.cvegeo === cvegeo) {
      const results = await resultsOf(row);
      cycles.unshift({
        cycle: row.cycle,
        status: row.status,
        responses: results.responses,
        index: results.index,
      });
    } else if (row.status === "closed" && !counted.has(row.cvegeo)) {
      counted.add(row.cvegeo);
      const index = (await resultsOf(row)).index;
      if (index) {
        others.push(index.value);
      }
    }
  }
  const middle = median(others);
  return {
    cycles,
    regional: {
      median: middle === null ? null : Math.round(middle * 10) / 10,
      municipalities: others.length,
    },
  };
}

/** A survey by its public token, with its municipality; unknown tokens answer 404. */
export async function getSurveyByToken(db: Executor, token: string) {
  const [row] = await db
    .select({ survey: surveys, municipalityName: municipalities.name })
    .from(surveys)
    .innerJoin(municipalities, eq(municipalities.cvegeo, surveys.municipalityCvegeo))
    .where(eq(surveys.token, token));
  if (!row) {
    throw notFound(SURVEY_NOT_FOUND_MESSAGE);
  }
  return row;
}

/** The public form's content: no ids, no results, nothing about who opened it. */
export async function getPublicSurvey(db: Executor, token: string): Promise<PublicSurvey> {
  const { survey, municipalityName } = await getSurveyByToken(db, token);
  return {
    municipality: { cvegeo: survey.municipalityCvegeo, name: municipalityName },
    status: survey.status,
    privacyNotice: survey.privacyNotice,
    questions: survey.questions.map(({ code, kind, text, required, options }) => ({
      code,
      kind,
      text,
      required,
      ...(options ? { options } : {}),
    })),
  };
}
