/**
 * M1 «Satisfacción usuaria»: the survey a municipality runs among the people who use its
 * transparency and access-to-information mechanisms. The standard questionnaire of each model
 * version, the municipality's own questions, the check of an answer, the rules of opening and
 * closing, and the results (satisfaction index with its 95 % confidence interval, distributions,
 * breakdowns by channel and respondent type). Plain functions: the server enforces them and
 * computes the results with them; the web app and the public form explain them.
 */
import { labelledCodes } from "./codes.js";
import type { ToolState } from "./tool-state.js";

/** The tool a survey is the instrument of. */
export const SURVEY_TOOL_CODE = "M1";

export const [SURVEY_QUESTION_KINDS, SURVEY_QUESTION_KIND_LABELS] = labelledCodes({
  likert: "Escala del 1 al 5",
  choice: "Opción única",
  text: "Texto libre",
});
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];

export const [SURVEY_STATUSES, SURVEY_STATUS_LABELS] = labelledCodes({
  open: "Abierta",
  closed: "Cerrada",
});
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export interface SurveyOption {
  value: string;
  label: string;
}

/** One question as the survey stores it (a snapshot taken when the survey opens). */
export interface SurveyQuestion {
  /** Stable key of the answer: `{"answers": {"<code>": value}}`. */
  code: string;
  kind: SurveyQuestionKind;
  text: string;
  required: boolean;
  /** Choice questions: the options; likert questions: the labels of 1…5. */
  options?: SurveyOption[];
  /** Standard likert items that make up the satisfaction index. */
  inIndex?: boolean;
  /** Who wrote it: the model's standard questionnaire or the municipality. */
  source: "standard" | "own";
}

export const LIKERT_MIN = 1;
export const LIKERT_MAX = 5;
export const MAX_OWN_QUESTIONS = 5;
export const MAX_QUESTION_TEXT = 200;
export const MAX_TEXT_ANSWER = 1000;
export const MAX_PRIVACY_NOTICE = 4000;
export const MIN_CHOICE_OPTIONS = 2;
export const MAX_CHOICE_OPTIONS = 10;
export const MAX_OPTION_LABEL = 80;

const AGREEMENT: SurveyOption[] = [
  { value: "1", label: "Totalmente en desacuerdo" },
  { value: "2", label: "En desacuerdo" },
  { value: "3", label: "Ni de acuerdo ni en desacuerdo" },
  { value: "4", label: "De acuerdo" },
  { value: "5", label: "Totalmente de acuerdo" },
];

const SATISFACTION: SurveyOption[] = [
  { value: "1", label: "Muy insatisfecho(a)" },
  { value: "2", label: "Insatisfecho(a)" },
  { value: "3", label: "Ni satisfecho(a) ni insatisfecho(a)" },
  { value: "4", label: "Satisfecho(a)" },
  { value: "5", label: "Muy satisfecho(a)" },
];

/** The code of the question on who answers (the respondent type breakdown). */
export const RESPONDENT_TYPE_CODE = "tipo_persona";
/** The code of the question on the channel used (the channel breakdown). */
export const CHANNEL_CODE = "canal";
/** The open comment, which the liaison may hide from public view (never edit or delete). */
export const COMMENT_CODE = "comentario";

/** Codes of the questions every standard questionnaire keeps (their wording may change). */
export const OVERALL_CODE = "satisfaccion_general";
export const FIXED_QUESTION_CODES = [
  OVERALL_CODE,
  RESPONDENT_TYPE_CODE,
  CHANNEL_CODE,
  COMMENT_CODE,
] as const;
/** The prefix of the municipality's own questions' codes (`propia_1`…), never a standard code. */
export const OWN_QUESTION_PREFIX = "propia_";
export const MAX_STANDARD_ITEMS = 20;
const ITEM_CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

/** One Likert item of the standard questionnaire (an agreement scale 1–5, part of the index). */
export interface QuestionnaireItem {
  code: string;
  text: string;
}

/**
 * The standard questionnaire of a model version, as the institute edits it: the Likert items in
 * order (added, removed, reordered, reworded), and the wording of the fixed questions, whose
 * codes, kinds and options do not change (the index, the breakdowns and the comment moderation
 * read them by code).
 */
export interface StandardQuestionnaire {
  items: QuestionnaireItem[];
  overall: string;
  respondentType: string;
  channel: string;
  comment: string;
}

/** The fixed questions' fields in a questionnaire, with their Spanish names. */
export const [FIXED_QUESTION_FIELDS, FIXED_QUESTION_LABELS] = labelledCodes({
  overall: "Satisfacción general (escala 1 a 5, parte del índice)",
  respondentType: "Tipo de persona que responde (opción única)",
  channel: "Medio utilizado (opción única)",
  comment: "Comentario abierto (moderado)",
});
export type FixedQuestionField = (typeof FIXED_QUESTION_FIELDS)[number];

/**
 * The standard questionnaire of the 2022 model: the transparency and access mechanisms item by
 * item, the overall satisfaction, who answers, through which channel, and an open comment. No
 * question asks for personal data.
 */
export const QUESTIONNAIRE_2022: StandardQuestionnaire = {
  items: [
    {
      code: "portal_encontrar",
      text: "La información del portal de transparencia del municipio es fácil de encontrar.",
    },
    { code: "portal_clara", text: "La información que consultó es clara y comprensible." },
    { code: "portal_actualizada", text: "La información que consultó está actualizada." },
    {
      code: "solicitud_sencilla",
      text: "Presentar una solicitud de acceso a la información fue sencillo.",
    },
    {
      code: "solicitud_plazo",
      text: "Recibió la respuesta a su solicitud dentro del plazo legal.",
    },
    {
      code: "solicitud_util",
      text: "La respuesta a su solicitud fue completa y le sirvió para lo que necesitaba.",
    },
    {
      code: "atencion_unidad",
      text: "El personal de la Unidad de Transparencia le atendió con amabilidad y le orientó.",
    },
  ],
  overall:
    "En general, ¿qué tan satisfecho(a) está con los mecanismos de transparencia y acceso a la información del municipio?",
  respondentType: "¿Con qué carácter respondió esta encuesta?",
  channel: "¿Qué medio utilizó principalmente?",
  comment: "¿Algo más que quiera comentarnos para mejorar? (No escriba datos personales.)",
};

const RESPONDENT_TYPES: SurveyOption[] = [
  { value: "ciudadania", label: "Ciudadana o ciudadano" },
  { value: "sociedad_civil", label: "Organización de la sociedad civil" },
  { value: "periodismo", label: "Periodismo o medios" },
  { value: "academia", label: "Academia o estudiante" },
  { value: "empresa", label: "Empresa o persona comerciante" },
  { value: "servicio_publico", label: "Persona servidora pública" },
  { value: "otro", label: "Otro" },
];

const CHANNELS: SurveyOption[] = [
  { value: "portal", label: "Portal de transparencia del municipio" },
  { value: "pnt", label: "Plataforma Nacional de Transparencia" },
  { value: "saimex", label: "SAIMEX" },
  { value: "presencial", label: "Presencial, en la Unidad de Transparencia" },
  { value: "telefono", label: "Teléfono" },
  { value: "correo", label: "Correo electrónico" },
  { value: "otro", label: "Otro" },
];

/** The questions of a standard questionnaire, as a survey snapshots them. */
export function standardQuestions(questionnaire: StandardQuestionnaire): SurveyQuestion[] {
  const fixed = (
    code: string,
    kind: SurveyQuestionKind,
    text: string,
    options: SurveyOption[] | undefined,
  ): SurveyQuestion => ({
    code,
    kind,
    text,
    required: kind !== "text",
    ...(options ? { options } : {}),
    ...(kind === "likert" ? { inIndex: true } : {}),
    source: "standard",
  });
  return [
    ...questionnaire.items.map(
      (item): SurveyQuestion => ({
        code: item.code,
        kind: "likert",
        text: item.text,
        required: false,
        options: AGREEMENT,
        inIndex: true,
        source: "standard",
      }),
    ),
    fixed(OVERALL_CODE, "likert", questionnaire.overall, SATISFACTION),
    fixed(RESPONDENT_TYPE_CODE, "choice", questionnaire.respondentType, RESPONDENT_TYPES),
    fixed(CHANNEL_CODE, "choice", questionnaire.channel, CHANNELS),
    fixed(COMMENT_CODE, "text", questionnaire.comment, undefined),
  ];
}

/** A questionnaire with its fields in one order (a jsonb column returns them in another). */
export function questionnaireInOrder(questionnaire: StandardQuestionnaire): StandardQuestionnaire {
  return {
    items: questionnaire.items.map(({ code, text }) => ({ code, text })),
    overall: questionnaire.overall,
    respondentType: questionnaire.respondentType,
    channel: questionnaire.channel,
    comment: questionnaire.comment,
  };
}

/** The 2022 questions, as every survey opened before the questionnaire was editable stored them. */
export const STANDARD_QUESTIONNAIRE_2022: readonly SurveyQuestion[] =
  standardQuestions(QUESTIONNAIRE_2022);

/**
 * The questions of a model version's standard questionnaire. A version stored before the
 * questionnaire was part of the model (null) keeps the 2022 questionnaire.
 */
export function standardQuestionnaire(
  stored: StandardQuestionnaire | null | undefined,
): readonly SurveyQuestion[] {
  return stored ? standardQuestions(stored) : STANDARD_QUESTIONNAIRE_2022;
}

/** A questionnaire problem; `duplicate` (a repeated or reserved code) blocks even saving a draft. */
export interface QuestionnaireProblem {
  field: string;
  message: string;
  duplicate: boolean;
}

/**
 * The rules of a standard questionnaire, each problem at its field (relative to the
 * questionnaire: `items.2.code`): one to twenty items with a unique code (lower case, digits and
 * «_», neither a fixed question's nor an own question's) and a text of up to 200 characters;
 * every fixed question worded.
 */
export function questionnaireProblems(
  questionnaire: StandardQuestionnaire,
): QuestionnaireProblem[] {
  const problems: QuestionnaireProblem[] = [];
  const push = (field: string, message: string, duplicate = false) =>
    problems.push({ field, message, duplicate });
  const wordless = (text: string, field: string) => {
    if (text.trim().length === 0 || text.trim().length > MAX_QUESTION_TEXT) {
      push(field, `Escriba la pregunta (hasta ${MAX_QUESTION_TEXT} caracteres).`);
    }
  };
  if (questionnaire.items.length === 0 || questionnaire.items.length > MAX_STANDARD_ITEMS) {
    push("items", `El cuestionario lleva de 1 a ${MAX_STANDARD_ITEMS} afirmaciones en escala.`);
  }
  const seen = new Set<string>();
  questionnaire.items.forEach((item, index) => {
    const at = `items.${index}`;
    if (!ITEM_CODE_PATTERN.test(item.code)) {
      push(
        `${at}.code`,
        "La clave de una pregunta son minúsculas, números y «_», empezando por letra (p. ej. «portal_clara»).",
      );
    } else if (
      (FIXED_QUESTION_CODES as readonly string[]).includes(item.code) ||
      item.code.startsWith(OWN_QUESTION_PREFIX)
    ) {
      push(`${at}.code`, `La clave «${item.code}» está reservada.`, true);
    } else if (seen.has(item.code)) {
      push(`${at}.code`, `La clave «${item.code}» está repetida.`, true);
    }
    seen.add(item.code);
    wordless(item.text, `${at}.text`);
  });
  for (const field of FIXED_QUESTION_FIELDS) {
    wordless(questionnaire[field], field);
  }
  return problems;
}

/** The default privacy notice (aviso de privacidad) a survey opens with; the liaison may edit it. */
export function defaultPrivacyNotice(municipalityName: string): string {
  return `Aviso de privacidad simplificado. El Ayuntamiento de ${municipalityName} realiza esta encuesta para evaluar y mejorar sus mecanismos de transparencia y acceso a la información pública. La encuesta es anónima: no se solicitan nombre, correo, teléfono ni otros datos personales, y no se guarda la dirección IP con las respuestas. Las respuestas se usan solo en forma agregada y como evidencia anónima ante el órgano garante. Le pedimos no escribir datos personales en el comentario.`;
}

/** A question the municipality adds, as the liaison writes it. */
export interface OwnQuestionInput {
  kind: SurveyQuestionKind;
  text: string;
  required: boolean;
  /** Choice questions: the options' labels. */
  options?: string[];
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Problems of the municipality's own questions (none when fine). */
export function ownQuestionsProblems(questions: readonly OwnQuestionInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (questions.length > MAX_OWN_QUESTIONS) {
    problems.push({
      field: "ownQuestions",
      message: `Puede agregar hasta ${MAX_OWN_QUESTIONS} preguntas propias.`,
    });
  }
  questions.forEach((question, index) => {
    const field = `ownQuestions.${index}`;
    const text = question.text.trim();
    if (text.length === 0 || text.length > MAX_QUESTION_TEXT) {
      problems.push({
        field: `${field}.text`,
        message: `Escriba la pregunta ${index + 1} (hasta ${MAX_QUESTION_TEXT} caracteres).`,
      });
    }
    const options = (question.options ?? []).map((option) => option.trim());
    if (question.kind === "choice") {
      const distinct = new Set(options.map((option) => option.toLocaleLowerCase("es-MX")));
      if (
        options.length < MIN_CHOICE_OPTIONS ||
        options.length > MAX_CHOICE_OPTIONS ||
        options.some((option) => option.length === 0 || option.length > MAX_OPTION_LABEL) ||
        distinct.size !== options.length
      ) {
        problems.push({
          field: `${field}.options`,
          message: `La pregunta ${index + 1} necesita de ${MIN_CHOICE_OPTIONS} a ${MAX_CHOICE_OPTIONS} opciones distintas, de hasta ${MAX_OPTION_LABEL} caracteres.`,
        });
      }
    } else if (options.length > 0) {
      problems.push({
        field: `${field}.options`,
        message: `Solo las preguntas de opción única llevan opciones (pregunta ${index + 1}).`,
      });
    }
  });
  return problems;
}

/** The questions a new survey stores: the standard questionnaire, then the municipality's own. */
export function buildQuestionnaire(
  standard: readonly SurveyQuestion[],
  own: readonly OwnQuestionInput[],
): SurveyQuestion[] {
  const extra = own.map(
    (question, index): SurveyQuestion => ({
      code: `${OWN_QUESTION_PREFIX}${index + 1}`,
      kind: question.kind,
      text: question.text.trim(),
      required: question.required,
      ...(question.kind === "choice"
        ? {
            options: (question.options ?? []).map((label, position) => ({
              value: String(position + 1),
              label: label.trim(),
            })),
          }
        : question.kind === "likert"
          ? { options: AGREEMENT }
          : {}),
      source: "own",
    }),
  );
  // The comment stays last: the form reads better with the open question at the end.
  const comment = standard.filter((question) => question.code === COMMENT_CODE);
  const rest = standard.filter((question) => question.code !== COMMENT_CODE);
  return [...rest.map((question) => ({ ...question })), ...extra, ...comment];
}

/** A stored answer: a likert value, a choice's value or a text. */
export type AnswerValue = number | string;
export type Answers = Record<string, AnswerValue>;

export type AnswersCheck =
  | { ok: true; answers: Answers }
  | { ok: false; problems: FieldProblem[]; message: string };

/**
 * Checks a respondent's answers against the questionnaire: every required question answered,
 * each value in range, no unknown question. Returns the answers to store (texts trimmed, empty
 * ones dropped) or one problem per question, each naming it.
 */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  raw: Record<string, unknown>,
): AnswersCheck {
  const problems: FieldProblem[] = [];
  const answers: Answers = {};
  const known = new Set(questions.map((question) => question.code));
  for (const code of Object.keys(raw)) {
    if (!known.has(code)) {
      problems.push({
        field: `answers.${code}`,
        message: `La encuesta no tiene la pregunta «${code}».`,
      });
    }
  }
  for (const question of questions) {
    const field = `answers.${question.code}`;
    const value = raw[question.code];
    const blank =
      value === undefined || value === null || (typeof value === "string" && value.trim() === "");
    if (blank) {
      if (question.required) {
        problems.push({ field, message: `Responda la pregunta «${question.text}».` });
      }
      continue;
    }
    if (question.kind === "likert") {
      const number = typeof value === "string" && /^\d$/.test(value) ? Number(value) : value;
      if (
        typeof number !== "number" ||
        !Number.isInteger(number) ||
        number < LIKERT_MIN ||
        number > LIKERT_MAX
      ) {
        problems.push({
          field,
          message: `La respuesta a «${question.text}» debe ser un número entero del ${LIKERT_MIN} al ${LIKERT_MAX}.`,
        });
        continue;
      }
      answers[question.code] = number;
    } else if (question.kind === "choice") {
      const options = question.options ?? [];
      if (typeof value !== "string" || !options.some((option) => option.value === value)) {
        problems.push({
          field,
          message: `La respuesta a «${question.text}» debe ser una de sus opciones.`,
        });
        continue;
      }
      answers[question.code] = value;
    } else {
      if (typeof value !== "string" || value.trim().length > MAX_TEXT_ANSWER) {
        problems.push({
          field,
          message: `La respuesta a «${question.text}» debe ser un texto de hasta ${MAX_TEXT_ANSWER} caracteres.`,
        });
        continue;
      }
      answers[question.code] = value.trim();
    }
  }
  if (problems.length > 0) {
    return {
      ok: false,
      problems,
      message:
        problems.length === 1
          ? (problems[0]?.message ?? "")
          : problems.map((p) => p.message).join(" "),
    };
  }
  return { ok: true, answers };
}

/** Why a survey cannot be opened on an instance, or null when it can. */
export function openSurveyProblem(instance: {
  toolCode: string;
  state: ToolState;
  hasSurvey: boolean;
}): string | null {
  if (instance.toolCode !== SURVEY_TOOL_CODE) {
    return "La encuesta de satisfacción es el instrumento de la herramienta M1.";
  }
  if (instance.hasSurvey) {
    return "Este ciclo de M1 ya tiene su encuesta.";
  }
  if (instance.state === "submitted" || instance.state === "validated") {
    return "La herramienta está en revisión o validada: ya no se abre una encuesta para este ciclo.";
  }
  return null;
}

/** Why a survey cannot be closed, or null when it can. */
export function closeSurveyProblem(survey: {
  status: SurveyStatus;
  responses: number;
}): string | null {
  if (survey.status === "closed") {
    return "La encuesta ya está cerrada.";
  }
  if (survey.responses === 0) {
    return "La encuesta no tiene respuestas: ciérrela cuando haya al menos una.";
  }
  return null;
}

/**
 * Whether a survey's aggregated results and its visible comments are public: it is closed and
 * its M1 cycle was validated (the review accepted the evidence its close produced). Raw answers
 * and hidden comments are never public.
 */
export function surveyIsPublic(survey: { status: SurveyStatus; toolState: ToolState }): boolean {
  return survey.status === "closed" && survey.toolState === "validated";
}

/** What a respondent reads when the link names no survey. */
export const SURVEY_NOT_FOUND_MESSAGE = "La encuesta no existe. Revise el enlace o el código QR.";
/** The refusal a respondent reads when the survey no longer takes answers. */
export const SURVEY_CLOSED_MESSAGE =
  "Esta encuesta ya cerró y no recibe más respuestas. Gracias por su interés.";
export const SURVEY_ALREADY_ANSWERED_MESSAGE =
  "Ya respondió esta encuesta desde este navegador. Solo se recibe una respuesta por persona.";
export const SURVEY_REFUSED_MESSAGE =
  "No pudimos registrar su respuesta. Si es una persona, recargue la página y vuelva a intentarlo.";

// ---------------------------------------------------------------------------------------------
// Results

/** Where an index lies: a value 0–100 and its 95 % confidence interval (null below 2 answers). */
export interface IndexEstimate {
  value: number;
  low: number | null;
  high: number | null;
  /** Responses that answered at least one item of the index. */
  n: number;
}

/** A response's score 0–100: the mean of its answered index items, 1 → 0 and 5 → 100. */
export function responseScore(
  questions: readonly SurveyQuestion[],
  answers: Answers,
): number | null {
  let sum = 0;
  let count = 0;
  for (const question of questions) {
    const value = answers[question.code];
    if (question.kind === "likert" && question.inIndex && typeof value === "number") {
      sum += value;
      count += 1;
    }
  }
  if (count === 0) {
    return null;
  }
  return ((sum / count - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN)) * 100;
}

/** Two-sided 97.5 % quantiles of Student's t for 1…30 degrees of freedom. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** The t quantile for a 95 % interval (the normal 1.96 from 31 degrees of freedom on, ≈2 %). */
export function tQuantile95(degreesOfFreedom: number): number {
  return T_975[degreesOfFreedom - 1] ?? 1.96;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const clamp = (value: number) => Math.min(100, Math.max(0, value));

/**
 * The satisfaction index of a set of response scores: their mean, with the 95 % confidence
 * interval of the mean (Student's t, clamped to 0–100). Null without scores.
 */
export function satisfactionIndex(scores: readonly number[]): IndexEstimate | null {
  const n = scores.length;
  if (n === 0) {
    return null;
  }
  const mean = scores.reduce((sum, score) => sum + score, 0) / n;
  if (n < 2) {
    return { value: round1(mean), low: null, high: null, n };
  }
  const variance = scores.reduce((sum, score) => sum + (score - mean) ** 2, 0) / (n - 1);
  const margin = tQuantile95(n - 1) * Math.sqrt(variance / n);
  return {
    value: round1(mean),
    low: round1(clamp(mean - margin)),
    high: round1(clamp(mean + margin)),
    n,
  };
}

export interface OptionCount {
  value: string;
  label: string;
  count: number;
}

export interface QuestionResult {
  code: string;
  kind: SurveyQuestionKind;
  text: string;
  /** Responses that answered it. */
  answered: number;
  /** Likert and choice: the count of each option (every option, zeros included). */
  distribution: OptionCount[];
  /** Likert: the mean 1–5 of those who answered. */
  mean: number | null;
}

export interface GroupResult {
  value: string;
  label: string;
  responses: number;
  index: IndexEstimate | null;
}

export interface SurveyResults {
  responses: number;
  index: IndexEstimate | null;
  questions: QuestionResult[];
  byChannel: GroupResult[];
  byRespondentType: GroupResult[];
}

/** Everything the results screen, the report PDF and the close event show, from the answers. */
export function surveyResults(
  questions: readonly SurveyQuestion[],
  responses: readonly Answers[],
): SurveyResults {
  const scores = responses.map((answers) => responseScore(questions, answers));
  const perQuestion = questions.map((question): QuestionResult => {
    const counts = new Map((question.options ?? []).map((option) => [option.value, 0]));
    let answered = 0;
    let sum = 0;
    for (const answers of responses) {
      const value = answers[question.code];
      if (value === undefined) {
        continue;
      }
      answered += 1;
      if (question.kind === "likert" && typeof value === "number") {
        sum += value;
      }
      const key = String(value);
      if (counts.has(key)) {
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    return {
      code: question.code,
      kind: question.kind,
      text: question.text,
      answered,
      distribution: (question.options ?? []).map((option) => ({
        value: option.value,
        label: option.label,
        count: counts.get(option.value) ?? 0,
      })),
      mean:
        question.kind === "likert" && answered > 0
          ? Math.round((sum / answered) * 100) / 100
          : null,
    };
  });
  // One pass per breakdown: each response's score goes to its option's bucket.
  const groupBy = (code: string): GroupResult[] => {
    const question = questions.find((candidate) => candidate.code === code);
    const buckets = new Map<string, { responses: number; scores: number[] }>(
      (question?.options ?? []).map((option) => [option.value, { responses: 0, scores: [] }]),
    );
    responses.forEach((answers, index) => {
      const bucket = buckets.get(String(answers[code]));
      if (bucket) {
        bucket.responses += 1;
        const score = scores[index];
        if (score !== null && score !== undefined) {
          bucket.scores.push(score);
        }
      }
    });
    return (question?.options ?? []).map((option) => {
      const bucket = buckets.get(option.value);
      return {
        value: option.value,
        label: option.label,
        responses: bucket?.responses ?? 0,
        index: satisfactionIndex(bucket?.scores ?? []),
      };
    });
  };
  return {
    responses: responses.length,
    index: satisfactionIndex(scores.filter((score): score is number => score !== null)),
    questions: perQuestion,
    byChannel: groupBy(CHANNEL_CODE),
    byRespondentType: groupBy(RESPONDENT_TYPE_CODE),
  };
}

/** How an answer reads in the anonymous answers spreadsheet: a likert number, an option's label. */
export function answerLabel(
  question: SurveyQuestion,
  value: AnswerValue | undefined,
): string | number {
  if (value === undefined) {
    return "";
  }
  if (question.kind === "choice") {
    return question.options?.find((option) => option.value === value)?.label ?? String(value);
  }
  return value;
}
