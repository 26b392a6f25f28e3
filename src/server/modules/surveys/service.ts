import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { and, count, eq, sql } from "drizzle-orm";
import type { Answers, OwnQuestionInput } from "../../../domain/survey.js";
import {
  buildQuestionnaire,
  COMMENT_CODE,
  checkAnswers,
  closeSurveyProblem,
  defaultPrivacyNotice,
  MAX_PRIVACY_NOTICE,
  openSurveyProblem,
  ownQuestionsProblems,
  SURVEY_ALREADY_ANSWERED_MESSAGE,
  SURVEY_CLOSED_MESSAGE,
  SURVEY_NOT_FOUND_MESSAGE,
  SURVEY_REFUSED_MESSAGE,
  standardQuestionnaire,
  surveyResults,
} from "../../../domain/survey.js";
import type { Database } from "../../db/client.js";
import { surveyResponses, surveys } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { insertAudited, updateAudited } from "../../lib/audited-writes.js";
import { AppError, conflict, isUniqueViolation, notFound } from "../../lib/errors.js";
import { foundRow } from "../../lib/found-row.js";
import { preparedOn } from "../../lib/prepared.js";
import { canSeeMunicipality } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import type { BlobStore } from "../../storage/index.js";
import { storeUpload } from "../../uploads/store.js";
import { recordEvidenceVersion } from "../evidence/service.js";
import { lockInstance } from "../review/service.js";
import { answersWorkbook, resultsReportPdf, type SurveyPrint } from "./files.js";
import { getSurveyInstance, type SurveyRow, surveyAnswers, surveyPath } from "./queries.js";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export interface OpenSurveyInput {
  instanceId: string;
  ownQuestions: OwnQuestionInput[];
  privacyNotice: string | undefined;
}

/**
 * The liaison opens the survey of an M1 cycle: the model version's standard questionnaire plus up
 * to five questions of the municipality's own, a privacy notice, and a fresh secret token for the
 * public link. Audited; one survey per cycle.
 */
export async function openSurvey(
  db: Database,
  input: OpenSurveyInput,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<SurveyRow> {
  const { municipalityName, questionnaire } = await getSurveyInstance(db, input.instanceId, user);
  const problems = ownQuestionsProblems(input.ownQuestions);
  if (problems.length > 0) {
    throw new AppError("validation_error", problems[0]?.message ?? "", problems);
  }
  const notice = input.privacyNotice?.trim() || defaultPrivacyNotice(municipalityName);
  if (notice.length > MAX_PRIVACY_NOTICE) {
    throw new AppError("validation_error", "El aviso de privacidad es demasiado largo.", [
      { field: "privacyNotice", message: `Hasta ${MAX_PRIVACY_NOTICE} caracteres.` },
    ]);
  }
  const questions = buildQuestionnaire(standardQuestionnaire(questionnaire), input.ownQuestions);
  try {
    return await db.transaction(async (tx) => {
      const instance = await lockInstance(tx, input.instanceId, user);
      const [existing] = await tx
        .select({ id: surveys.id })
        .from(surveys)
        .where(eq(surveys.toolInstanceId, instance.id));
      const problem = openSurveyProblem({
        toolCode: instance.toolCode,
        state: instance.state,
        hasSurvey: existing !== undefined,
      });
      if (problem) {
        throw conflict(problem);
      }
      const municipality = instance.municipalityCvegeo;
      const opened = { openedAt: now, openedBy: user.id };
      const token = randomBytes(18).toString("base64url");
      const owner = { toolInstanceId: instance.id, municipalityCvegeo: municipality };
      const survey = { ...owner, token, questions, privacyNotice: notice, ...opened };
      return insertAudited(tx, actor, surveys, survey, {
        action: "survey.opened",
        entityType: "survey",
        municipality,
        after: {
          toolInstance: instance.id,
          cycle: instance.cycle,
          questions: questions.length,
          ownQuestions: input.ownQuestions.length,
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict("Este ciclo de M1 ya tiene su encuesta.");
    }
    throw error;
  }
}

export interface AnswerInput {
  token: string;
  answers: Record<string, unknown>;
  /** The browser's random key (localStorage), or the one its cookie carries. */
  browserToken: string | undefined;
  /** The honeypot: people never see it, so it stays empty. */
  website: string | undefined;
}

/** The survey an answer is for, by its public token. */
function surveyToAnswerQuery(db: Database) {
  return db
    .select({ id: surveys.id, status: surveys.status, questions: surveys.questions })
    .from(surveys)
    .where(eq(surveys.token, sql.placeholder("token")))
    .prepare("mrtm_survey_to_answer");
}

/**
 * Stores an answer in one statement, so one round trip: it shares the survey's row with other
 * answers but waits for a closing in progress and then reads the status that closing committed,
 * so no answer lands after the evidence was generated. No row returned: the survey closed.
 */
function insertAnswerQuery(db: Database) {
  return db
    .insert(surveyResponses)
    .select(
      db
        .select({
          id: sql<string>`gen_random_uuid()`.as("id"),
          surveyId: surveys.id,
          municipalityCvegeo: surveys.municipalityCvegeo,
          answers: sql<Answers>`${sql.placeholder("answers")}::jsonb`.as("answers"),
          browserKey: sql<string>`${sql.placeholder("browserKey")}::varchar`.as("browser_key"),
          submittedAt: sql<Date>`${sql.placeholder("now")}::timestamptz`.as("submitted_at"),
          commentHiddenAt: sql<Date | null>`null::timestamptz`.as("comment_hidden_at"),
          commentHiddenBy: sql<string | null>`null::uuid`.as("comment_hidden_by"),
        })
        .from(surveys)
        .where(and(eq(surveys.id, sql.placeholder("surveyId")), eq(surveys.status, "open")))
        .for("share"),
    )
    .returning({ id: surveyResponses.id })
    .prepare("mrtm_insert_survey_answer");
}

// The public answer is the one write anyone may repeat at volume: its two statements are named
// prepared statements, built once per database and planned once per connection.
const answerQueriesOf = preparedOn((db) => ({
  survey: surveyToAnswerQuery(db),
  insert: insertAnswerQuery(db),
}));

/**
 * An anonymous answer to an open survey. Refused (with a Spanish message) when the token is
 * unknown (404), the survey closed (409), the honeypot is filled (400), an answer is invalid
 * (400, naming the question) or this browser already answered (409). Stores no address and no
 * personal data. Returns the browser key to remember in a cookie.
 */
export async function answerSurvey(db: Database, input: AnswerInput, now: Date): Promise<string> {
  const queries = answerQueriesOf(db);
  const [survey] = await queries.survey.execute({ token: input.token });
  if (!survey) {
    throw notFound(SURVEY_NOT_FOUND_MESSAGE);
  }
  if (survey.status === "closed") {
    throw new AppError("survey_closed", SURVEY_CLOSED_MESSAGE);
  }
  if (input.website && input.website.trim() !== "") {
    throw new AppError("survey_answer_refused", SURVEY_REFUSED_MESSAGE);
  }
  const checked = checkAnswers(survey.questions, input.answers);
  if (!checked.ok) {
    throw new AppError("validation_error", checked.message, checked.problems);
  }
  const browserToken = input.browserToken ?? randomBytes(18).toString("base64url");
  let inserted: { id: string }[];
  try {
    inserted = await queries.insert.execute({
      surveyId: survey.id,
      answers: JSON.stringify(checked.answers),
      browserKey: sha256(browserToken),
      now: now.toISOString(),
    });
  } catch (error) {
    if (isUniqueViolation(error, "survey_responses_one_per_browser")) {
      throw new AppError("survey_already_answered", SURVEY_ALREADY_ANSWERED_MESSAGE);
    }
    throw error;
  }
  if (inserted.length === 0) {
    throw new AppError("survey_closed", SURVEY_CLOSED_MESSAGE);
  }
  return browserToken;
}

/**
 * The liaison hides a comment from public view (the report, the spreadsheet) or shows it again;
 * the answer itself is never edited or deleted. Audited; setting the state it already has is a
 * no-op.
 */
export async function setCommentHidden(
  db: Database,
  responseId: string,
  hidden: boolean,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ response: surveyResponses, instanceId: surveys.toolInstanceId })
      .from(surveyResponses)
      .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
      .where(eq(surveyResponses.id, responseId))
      .for("update", { of: surveyResponses });
    if (!row || !canSeeMunicipality(user, row.response.municipalityCvegeo)) {
      throw notFound("La respuesta no existe.");
    }
    const { response } = row;
    if (typeof response.answers[COMMENT_CODE] !== "string") {
      throw conflict("Esta respuesta no tiene comentario.");
    }
    const wasHidden = response.commentHiddenAt !== null;
    if (wasHidden === hidden) {
      return row.instanceId;
    }
    await tx
      .update(surveyResponses)
      .set(
        hidden
          ? { commentHiddenAt: now, commentHiddenBy: user.id }
          : { commentHiddenAt: null, commentHiddenBy: null },
      )
      .where(eq(surveyResponses.id, response.id));
    await recordAudit(tx, actor, {
      action: hidden ? "survey.comment_hidden" : "survey.comment_shown",
      entityType: "survey_response",
      entityId: response.id,
      municipality: response.municipalityCvegeo,
      before: { hidden: wasHidden },
      after: { hidden },
    });
    return row.instanceId;
  });
}

/** Answers arrived between reading them and locking the survey: read them again. */
class StaleAnswers extends Error {}

export interface CloseSurveyInput {
  instanceId: string;
  publicUrl: string;
  maxBytes: number;
  tempDir: string;
}

/**
 * The liaison closes the survey: it stops taking answers, and its results report (PDF) and the
 * anonymous answers (XLSX) become two new evidence versions of that cycle's M1, drafts ready to
 * submit. Both files go through the one upload path (staged, recognised, stored), and the close,
 * the two versions and their audit events commit together; if anything fails, nothing is written
 * and the stored files are deleted.
 */
export async function closeSurvey(
  db: Database,
  blobs: BlobStore,
  input: CloseSurveyInput,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  const { instance, municipalityName } = await getSurveyInstance(db, input.instanceId, user);
  for (let attempt = 0; ; attempt++) {
    const survey = await foundRow(
      db,
      surveys,
      eq(surveys.toolInstanceId, instance.id),
      "Este ciclo de M1 no tiene encuesta.",
    );
    const rows = await surveyAnswers(db, survey.id);
    const problem = closeSurveyProblem({ status: survey.status, responses: rows.length });
    if (problem) {
      throw conflict(problem);
    }
    const print: SurveyPrint = {
      municipalityName,
      cycle: instance.cycle,
      url: `${input.publicUrl}${surveyPath(survey.token)}`,
      openedAt: survey.openedAt,
      closedAt: now,
      privacyNotice: survey.privacyNotice,
      questions: survey.questions,
    };
    const results = surveyResults(
      survey.questions,
      rows.map((row) => row.answers),
    );
    const pdf = await resultsReportPdf(print, results, rows);
    const xlsx = await answersWorkbook(print, rows);
    const limits = { maxBytes: input.maxBytes, tempDir: input.tempDir };
    const base = `M1-encuesta-ciclo-${instance.cycle}`;
    try {
      await storeUpload(blobs, Readable.from([pdf]), limits, (report) =>
        storeUpload(blobs, Readable.from([xlsx]), limits, (answers) =>
          db.transaction(async (tx) => {
            const locked = await lockInstance(tx, instance.id, user);
            const [current] = await tx
              .select({ status: surveys.status })
              .from(surveys)
              .where(eq(surveys.id, survey.id))
              .for("update");
            const [counted] = await tx
              .select({ n: count() })
              .from(surveyResponses)
              .where(and(eq(surveyResponses.surveyId, survey.id)));
            if (current?.status !== "open") {
              throw conflict("La encuesta ya está cerrada.");
            }
            if ((counted?.n ?? 0) !== rows.length) {
              throw new StaleAnswers();
            }
            const options = { effectiveOn: undefined, isPublic: false };
            await recordEvidenceVersion(
              tx,
              locked,
              report,
              { ...options, fileName: `${base}-resultados.pdf` },
              user,
              actor,
              now,
            );
            await recordEvidenceVersion(
              tx,
              locked,
              answers,
              { ...options, fileName: `${base}-respuestas.xlsx` },
              user,
              actor,
              now,
            );
            const closed = { status: "closed" as const, closedAt: now, closedBy: user.id };
            await updateAudited(tx, actor, surveys, survey.id, closed, {
              action: "survey.closed",
              entityType: "survey",
              municipality: survey.municipalityCvegeo,
              before: { status: "open" },
              after: {
                status: "closed",
                responses: rows.length,
                satisfactionIndex: results.index?.value ?? null,
                answersSha256: sha256(JSON.stringify(rows.map((row) => row.answers))),
                evidence: 2,
              },
            });
          }),
        ),
      );
      return;
    } catch (error) {
      if (error instanceof StaleAnswers && attempt < 3) {
        continue;
      }
      if (error instanceof StaleAnswers) {
        throw conflict("Siguen llegando respuestas: intente cerrar la encuesta de nuevo.");
      }
      throw error;
    }
  }
}
