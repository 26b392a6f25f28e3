import { index, jsonb, pgEnum, pgTable, text, unique, varchar } from "drizzle-orm/pg-core";
import { type Answers, SURVEY_STATUSES, type SurveyQuestion } from "../../../domain/survey.js";
import { createdAt, primaryUuid, requiredRef, timestamptz } from "./columns.js";
import { cvegeo, municipalityRef } from "./municipalities.js";
import { toolInstances } from "./participation.js";
import { openedAndClosed, userRef } from "./users.js";

export const surveyStatusEnum = pgEnum("survey_status", SURVEY_STATUSES);

/**
 * The M1 satisfaction survey of one cycle (one tool instance): its public token, the questions as
 * they were when it opened (the standard questionnaire plus the municipality's own), its privacy
 * notice, and when it opened and closed.
 */
export const surveys = pgTable("surveys", {
  id: primaryUuid(),
  toolInstanceId: requiredRef(() => toolInstances.id).unique(),
  /** Copied from the instance so scoping by municipality needs no join. */
  municipalityCvegeo: municipalityRef(),
  /** The secret of the public link /encuesta/<token>. */
  token: text().notNull().unique(),
  status: surveyStatusEnum().notNull().default("open"),
  questions: jsonb().$type<SurveyQuestion[]>().notNull(),
  privacyNotice: text().notNull(),
  ...openedAndClosed(),
});

/**
 * One anonymous answer to a survey. No personal data and no address are stored: only the answers,
 * when, and a hash of the browser's random key (one answer per browser). The liaison may hide the
 * comment from public view; it is never edited or deleted.
 */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: primaryUuid(),
    surveyId: requiredRef(() => surveys.id),
    municipalityCvegeo: cvegeo().notNull(),
    answers: jsonb().$type<Answers>().notNull(),
    /** SHA-256 of the browser's random key: refuses a second answer from the same browser. */
    browserKey: varchar({ length: 64 }).notNull(),
    submittedAt: createdAt(),
    commentHiddenAt: timestamptz(),
    commentHiddenBy: userRef(),
  },
  (table) => [
    unique("survey_responses_one_per_browser").on(table.surveyId, table.browserKey),
    index().on(table.surveyId, table.submittedAt),
  ],
);
