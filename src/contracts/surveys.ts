import {
  MAX_CHOICE_OPTIONS,
  MAX_OPTION_LABEL,
  MAX_OWN_QUESTIONS,
  MAX_PRIVACY_NOTICE,
  MAX_QUESTION_TEXT,
  MAX_TEXT_ANSWER,
  SURVEY_QUESTION_KINDS,
  SURVEY_STATUSES,
} from "../domain/survey.js";
import { Cvegeo, component, IsoDateTime, Uuid } from "./common.js";
import { z } from "./zod.js";

const SurveyOption = z.object({ value: z.string(), label: z.string() });

/** A question as the public form shows it. */
export const PublicSurveyQuestion = component("PublicSurveyQuestion", {
  code: z.string().describe("Clave de la respuesta en `answers`."),
  kind: z.enum(SURVEY_QUESTION_KINDS).describe("likert: 1 a 5; choice: una opción; text: libre."),
  text: z.string(),
  required: z.boolean(),
  options: z
    .array(SurveyOption)
    .optional()
    .describe("choice: los valores aceptados; likert: el significado de 1…5."),
});

export const SurveyQuestion = PublicSurveyQuestion.extend({
  inIndex: z.boolean().optional().describe("Cuenta en el índice de satisfacción."),
  source: z.enum(["standard", "own"]),
}).meta({ id: "SurveyQuestion" });

export const SurveyStatus = z.enum(SURVEY_STATUSES);

export const OwnQuestionInput = z.object({
  kind: z.enum(SURVEY_QUESTION_KINDS),
  text: z.string().max(MAX_QUESTION_TEXT * 2),
  required: z.boolean().default(false),
  options: z
    .array(z.string().max(MAX_OPTION_LABEL * 2))
    .max(MAX_CHOICE_OPTIONS * 2)
    .optional()
    .describe("Solo para choice: las opciones, de 2 a 10."),
});

export const OpenSurveyRequest = z
  .object({
    ownQuestions: z
      .array(OwnQuestionInput)
      .max(MAX_OWN_QUESTIONS * 2)
      .default([])
      .describe("Hasta 5 preguntas propias del municipio, después del cuestionario estándar."),
    privacyNotice: z
      .string()
      .max(MAX_PRIVACY_NOTICE)
      .optional()
      .describe("El aviso de privacidad que verá quien responde; sin él, el aviso estándar."),
  })
  // Without a body: the standard questionnaire and notice.
  .nullish();
export type OpenSurveyRequest = z.infer<typeof OpenSurveyRequest>;

export const SurveyLink = z.object({
  token: z.string(),
  url: z.string().describe("El enlace público del formulario: …/encuesta/<token>."),
});
export type SurveyLink = z.infer<typeof SurveyLink>;

export const IndexEstimate = z
  .object({
    value: z.number().describe("Índice de satisfacción, 0 a 100."),
    low: z.number().nullable().describe("Límite inferior del intervalo de confianza del 95 %."),
    high: z.number().nullable(),
    n: z.number().int(),
  })
  .nullable();

const GroupResult = z.object({
  value: z.string(),
  label: z.string(),
  responses: z.number().int(),
  index: IndexEstimate,
});

export const SurveyResults = z.object({
  responses: z.number().int(),
  index: IndexEstimate,
  questions: z.array(
    z.object({
      code: z.string(),
      kind: z.enum(SURVEY_QUESTION_KINDS),
      text: z.string(),
      answered: z.number().int(),
      distribution: z.array(z.object({ value: z.string(), label: z.string(), count: z.number() })),
      mean: z.number().nullable(),
    }),
  ),
  byChannel: z.array(GroupResult),
  byRespondentType: z.array(GroupResult),
});

export const SurveyComment = z.object({
  id: Uuid,
  text: z.string(),
  submittedAt: IsoDateTime,
  hidden: z
    .boolean()
    .describe("Oculto de la vista pública por el enlace; nunca se edita ni borra."),
});

export const SurveyDetail = component("SurveyDetail", {
  id: Uuid,
  toolInstanceId: Uuid,
  cycle: z.number().int(),
  status: SurveyStatus,
  token: z.string(),
  url: z.string(),
  privacyNotice: z.string(),
  questions: z.array(SurveyQuestion),
  openedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  results: SurveyResults,
  comments: z.array(SurveyComment),
});
export type SurveyDetail = z.infer<typeof SurveyDetail>;

export const SurveyComparison = component("SurveyComparison", {
  cycles: z
    .array(
      z.object({
        cycle: z.number().int(),
        status: SurveyStatus,
        responses: z.number().int(),
        index: IndexEstimate,
      }),
    )
    .describe("Las encuestas del municipio, una por ciclo de M1, de la más antigua a la actual."),
  regional: z
    .object({
      median: z.number().nullable().describe("Mediana de sus índices; null si no hay ninguno."),
      municipalities: z.number().int(),
    })
    .describe(
      "Los demás municipios: la mediana del índice de la última encuesta cerrada de cada uno (nunca sus respuestas).",
    ),
});
export type SurveyComparison = z.infer<typeof SurveyComparison>;

export const InstanceSurvey = z.object({
  survey: SurveyDetail.nullable(),
  comparison: SurveyComparison,
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  /** Why a survey cannot be opened on this instance now (null: it can, by the liaison). */
  openProblem: z.string().nullable(),
  standardQuestions: z.array(SurveyQuestion),
  defaultPrivacyNotice: z.string(),
});
export type InstanceSurvey = z.infer<typeof InstanceSurvey>;

export const SetCommentVisibilityRequest = z.object({
  hidden: z.boolean().describe("true: ocultar de la vista pública; false: volver a mostrar."),
});

export const TokenParams = z.object({ token: z.string().min(1).max(100) });

export const PublicSurvey = component("PublicSurvey", {
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  status: SurveyStatus,
  privacyNotice: z.string(),
  questions: z.array(PublicSurveyQuestion),
});
export type PublicSurvey = z.infer<typeof PublicSurvey>;

export const SurveyAnswerRequest = z.object({
  answers: z
    .record(
      z.string().max(60),
      z.union([z.number(), z.string().max(MAX_TEXT_ANSWER * 2), z.null()]),
    )
    .describe('{"<code>": valor}: 1 a 5 en likert, el valor de una opción, o un texto.'),
  browserToken: z
    .string()
    .min(16)
    .max(128)
    .optional()
    .describe("Clave aleatoria que el navegador guarda: una respuesta por navegador."),
  website: z.string().max(500).optional().describe("Campo trampa: las personas lo dejan vacío."),
});
export type SurveyAnswerRequest = z.infer<typeof SurveyAnswerRequest>;

export const SurveyAnswerAccepted = z.object({
  ok: z.literal(true),
  message: z.string(),
});
