/**
 * The demo's instruments in use, for the demo liaison's municipality: an M1 survey closed with
 * about sixty answers in an earlier cycle (its report and answers became that cycle's evidence,
 * later validated) and the current cycle's survey open with answers arriving; a second E4
 * project card; an improvement plan (M4) proposed from its gaps and partly under way. Everything
 * goes through the services the screens use.
 */
import { eq } from "drizzle-orm";
import { addDays, type LocalDate } from "../../domain/dates.js";
import {
  type Answers,
  COMMENT_CODE,
  LIKERT_MAX,
  LIKERT_MIN,
  type SurveyQuestion,
} from "../../domain/survey.js";
import type { Database } from "../db/client.js";
import { improvementActions, surveyResponses } from "../db/schema/index.js";
import {
  proposeActionsFromGaps,
  updateImprovementAction,
} from "../modules/improvement-plans/service.js";
import { createProjectCard } from "../modules/project-cards/service.js";
import {
  answerSurvey,
  closeSurvey,
  openSurvey,
  setCommentHidden,
} from "../modules/surveys/service.js";
import type { BlobStore } from "../storage/index.js";
import { seedDemoProjectCard } from "./demo-plans.js";
import type { DemoAccount } from "./demo-progress.js";
import type { DemoRandom } from "./demo-random.js";

export interface DemoFiles {
  blobs: BlobStore;
  tempDir: string;
  publicUrl: string;
}

const DAY = 24 * 60 * 60 * 1000;

/** How people answered: mostly satisfied, a few not; who they are and how they came. */
const MOODS = [1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5] as const;
const RESPONDENTS = [
  "ciudadania",
  "ciudadania",
  "ciudadania",
  "ciudadania",
  "sociedad_civil",
  "periodismo",
  "academia",
  "academia",
  "empresa",
  "servicio_publico",
] as const;
const CHANNELS = [
  "portal",
  "portal",
  "portal",
  "pnt",
  "pnt",
  "saimex",
  "presencial",
  "presencial",
  "telefono",
  "correo",
] as const;
const COMMENTS = [
  "El portal es más fácil de usar que antes, pero algunos formatos siguen en PDF escaneado.",
  "Me respondieron a tiempo y con la información completa. Gracias.",
  "Tardé en encontrar la sección de obras públicas.",
  "La atención en ventanilla fue muy amable.",
  "Sería útil publicar los datos en Excel además de PDF.",
  "La respuesta llegó el último día del plazo.",
  "No sabía que podía pedir información por SAIMEX; el cartel ayudó.",
];
/** A comment with personal data, which the liaison hides from public view. */
const PERSONAL_COMMENT =
  "Soy vecino de la colonia Centro, mi teléfono es 722 000 0000; nadie me devolvió la llamada.";

const clampLikert = (value: number) => Math.min(LIKERT_MAX, Math.max(LIKERT_MIN, value));

/** One plausible anonymous answer to the survey's questions. */
function demoAnswers(questions: readonly SurveyQuestion[], random: DemoRandom): Answers {
  const mood = random.pick(MOODS);
  const answers: Answers = {};
  for (const question of questions) {
    if (question.kind === "likert") {
      if (question.required || random.chance(0.8)) {
        answers[question.code] = clampLikert(mood + random.int(-1, 1));
      }
    } else if (question.code === "tipo_persona") {
      answers[question.code] = random.pick(RESPONDENTS);
    } else if (question.code === "canal") {
      answers[question.code] = random.pick(CHANNELS);
    } else if (question.code === COMMENT_CODE && random.chance(0.2)) {
      answers[question.code] = random.pick(COMMENTS);
    }
  }
  return answers;
}

/**
 * An M1 cycle's survey: opened `days` before `at`, `responses` answers spread over those days
 * and, when `close`, closed at `at` (its report and answers become the cycle's evidence drafts),
 * with the one comment that shows personal data hidden.
 */
export async function seedDemoSurvey(
  db: Database,
  files: DemoFiles,
  instanceId: string,
  account: DemoAccount,
  plan: { at: Date; days: number; responses: number; close: boolean },
  random: DemoRandom,
): Promise<void> {
  const { user, actor } = account;
  const opened = new Date(plan.at.getTime() - plan.days * DAY);
  const survey = await openSurvey(
    db,
    { instanceId, ownQuestions: [], privacyNotice: undefined },
    user,
    actor,
    opened,
  );
  const step = (plan.at.getTime() - opened.getTime()) / (plan.responses + 1);
  for (let i = 1; i <= plan.responses; i++) {
    const answers = demoAnswers(survey.questions, random);
    if (plan.close && i === 7) {
      answers[COMMENT_CODE] = PERSONAL_COMMENT;
    }
    await answerSurvey(
      db,
      {
        token: survey.token,
        answers,
        browserToken: `demo-${survey.id}-${i}`,
        website: undefined,
      },
      new Date(opened.getTime() + i * step),
    );
  }
  if (!plan.close) {
    return;
  }
  const hide = (
    await db
      .select({ id: surveyResponses.id, answers: surveyResponses.answers })
      .from(surveyResponses)
      .where(eq(surveyResponses.surveyId, survey.id))
  ).find((row) => row.answers[COMMENT_CODE] === PERSONAL_COMMENT);
  if (hide) {
    await setCommentHidden(db, hide.id, true, user, actor, plan.at);
  }
  await closeSurvey(
    db,
    files.blobs,
    { instanceId, publicUrl: files.publicUrl, maxBytes: 25 * 1024 * 1024, tempDir: files.tempDir },
    user,
    actor,
    plan.at,
  );
}

/**
 * The municipality's instruments besides the survey: two project cards (one under way, one
 * planned) and its improvement plan proposed in one click from its gaps, two actions under way.
 */
export async function seedDemoPlans(
  db: Database,
  cvegeo: string,
  account: DemoAccount,
  today: LocalDate,
  at: Date,
): Promise<void> {
  const context = { ...account, now: at };
  await seedDemoProjectCard(
    db,
    cvegeo,
    { startsOn: addDays(today, -120), endsOn: addDays(today, 245) },
    context,
  );
  const startsOn = addDays(today, 30);
  const endsOn = addDays(today, 240);
  await createProjectCard(
    db,
    cvegeo,
    {
      title: "Capacitación en transparencia para las áreas del Ayuntamiento",
      objectives:
        "Que cada área responda a tiempo las solicitudes que le turna la Unidad de Transparencia y publique sus obligaciones sin observaciones.",
      expectedResults:
        "Doce talleres; 150 personas servidoras públicas capacitadas; menos de 5 % de respuestas fuera de plazo.",
      activities: [
        {
          description: "Diagnóstico de necesidades de capacitación por área",
          responsible: "Unidad de Transparencia",
          startsOn,
          endsOn: addDays(startsOn, 45),
        },
        {
          description: "Talleres mensuales con las áreas administrativas",
          responsible: "Dirección de Administración",
          startsOn: addDays(startsOn, 46),
          endsOn,
        },
      ],
      budgetAmount: 80_000,
      budgetSource: "Recursos propios (capítulo 3000)",
      developmentPlanLink: "Plan de Desarrollo Municipal, pilar «Gobierno capaz y responsable».",
      startsOn,
      endsOn,
      status: "planned",
      progress: 0,
    },
    context,
  );
  await proposeActionsFromGaps(db, cvegeo, context);
  const actions = await db
    .select()
    .from(improvementActions)
    .where(eq(improvementActions.municipalityCvegeo, cvegeo))
    .orderBy(improvementActions.dueOn)
    .limit(2);
  for (const action of actions) {
    await updateImprovementAction(
      db,
      action.id,
      {
        description: action.description,
        targetKind: action.targetKind,
        toolCode: action.toolCode,
        observationId: action.observationId,
        finding: action.finding,
        owner: action.owner,
        dueOn: action.dueOn,
        status: "in_progress",
        completionNote: null,
        expectedRevision: action.revision,
      },
      context,
    );
  }
}
