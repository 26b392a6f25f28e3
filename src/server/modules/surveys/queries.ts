import { asc, eq } from "drizzle-orm";
import type { InstanceSurvey, PublicSurvey, SurveyDetail } from "../../../contracts/surveys.js";
import {
  type Answers,
  COMMENT_CODE,
  defaultPrivacyNotice,
  openSurveyProblem,
  standardQuestionnaire,
  surveyResults,
} from "../../../domain/survey.js";
import type { Executor } from "../../db/client.js";
import {
  modelTools,
  modelVersions,
  municipalities,
  surveyResponses,
  surveys,
  toolInstances,
} from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { canSeeMunicipality } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";

export type SurveyRow = typeof surveys.$inferSelect;

/** The public path of a survey's form. */
export const surveyPath = (token: string) => `/encuesta/${token}`;

/** An instance the user may see, with its municipality's name and its model version's questionnaire. */
export async function getSurveyInstance(db: Executor, id: string, user: AuthUser) {
  const [row] = await db
    .select({
      instance: toolInstances,
      municipalityName: municipalities.name,
      questionnaire: modelVersions.surveyQuestionnaire,
    })
    .from(toolInstances)
    .innerJoin(municipalities, eq(municipalities.cvegeo, toolInstances.municipalityCvegeo))
    .innerJoin(modelTools, eq(modelTools.id, toolInstances.modelToolId))
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
  db: Executor,
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
  return {
    survey: survey ? await presentSurvey(db, survey, instance.cycle, publicUrl) : null,
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

/** A survey by its public token, with its municipality; unknown tokens answer 404. */
export async function getSurveyByToken(db: Executor, token: string) {
  const [row] = await db
    .select({ survey: surveys, municipalityName: municipalities.name })
    .from(surveys)
    .innerJoin(municipalities, eq(municipalities.cvegeo, surveys.municipalityCvegeo))
    .where(eq(surveys.token, token));
  if (!row) {
    throw notFound("La encuesta no existe. Revise el enlace o el código QR.");
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
