/**
 * What the public sees of M1 surveys: only surveys that `surveyIsPublic` (closed, their M1 cycle
 * validated), only aggregated figures and the comments the liaison did not hide. Raw answers never
 * leave this file: the public page and the open data get results, never rows.
 */
import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import type { PublicSurveyResults } from "../../../contracts/public.js";
import { localDateOf } from "../../../domain/dates.js";
import { type SurveyResults, surveyIsPublic, surveyResults } from "../../../domain/survey.js";
import type { Executor } from "../../db/client.js";
import { municipalities, surveys, toolInstances } from "../../db/schema/index.js";
import { commentsOf, surveyAnswers } from "./queries.js";

/** Closed surveys whose M1 cycle is validated, newest cycle first within each municipality. */
function publicSurveys(db: Executor, where: SQL | undefined) {
  return db
    .select({
      id: surveys.id,
      cvegeo: surveys.municipalityCvegeo,
      municipality: municipalities.name,
      cycle: toolInstances.cycle,
      status: surveys.status,
      toolState: toolInstances.state,
      questions: surveys.questions,
      closedAt: surveys.closedAt,
    })
    .from(surveys)
    .innerJoin(toolInstances, eq(toolInstances.id, surveys.toolInstanceId))
    .innerJoin(municipalities, eq(municipalities.cvegeo, surveys.municipalityCvegeo))
    .where(and(eq(surveys.status, "closed"), eq(toolInstances.state, "validated"), where))
    .orderBy(asc(surveys.municipalityCvegeo), desc(toolInstances.cycle));
}

type PublicSurveyRow = Awaited<ReturnType<typeof publicSurveys>>[number];

const isPublic = (row: PublicSurveyRow) =>
  surveyIsPublic({ status: row.status, toolState: row.toolState });

/** A municipality's latest public survey: its index, responses and visible comments; or null. */
export async function latestPublicSurvey(
  db: Executor,
  cvegeo: string,
): Promise<PublicSurveyResults | null> {
  const [row] = (await publicSurveys(db, eq(surveys.municipalityCvegeo, cvegeo))).filter(isPublic);
  if (!row) {
    return null;
  }
  const answers = await surveyAnswers(db, row.id);
  const results = surveyResults(
    row.questions,
    answers.map((answer) => answer.answers),
  );
  return {
    cycle: row.cycle,
    closedOn: row.closedAt ? localDateOf(row.closedAt) : null,
    responses: results.responses,
    index: results.index,
    comments: commentsOf(answers)
      .filter((comment) => !comment.hidden)
      .map((comment) => ({ text: comment.text, submittedOn: localDateOf(comment.submittedAt) })),
  };
}

export interface PublishedSurveyResults {
  cvegeo: string;
  municipality: string;
  cycle: number;
  closedAt: Date | null;
  results: SurveyResults;
}

/**
 * The results of every public survey of the region, by municipality and cycle (the open data).
 * Answers are read one survey at a time (callers may hand a transaction).
 */
export async function listPublishedSurveyResults(db: Executor): Promise<PublishedSurveyResults[]> {
  const rows = (await publicSurveys(db, undefined)).filter(isPublic);
  const published: PublishedSurveyResults[] = [];
  for (const row of rows.reverse()) {
    const answers = await surveyAnswers(db, row.id);
    published.push({
      cvegeo: row.cvegeo,
      municipality: row.municipality,
      cycle: row.cycle,
      closedAt: row.closedAt,
      results: surveyResults(
        row.questions,
        answers.map((answer) => answer.answers),
      ),
    });
  }
  // Municipality, then cycle, oldest first.
  return published.sort((a, b) => a.cvegeo.localeCompare(b.cvegeo) || a.cycle - b.cycle);
}
