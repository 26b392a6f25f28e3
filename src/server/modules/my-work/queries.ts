/**
 * «Mi trabajo», built from the queries the other screens use: a municipality's tool list, the
 * review queue, commitments and improvement actions, designations and the outbox.
 */
import { and, asc, count, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import type { MyWork, WorkItem } from "../../../contracts/my-work.js";
import { localDateOf } from "../../../domain/dates.js";
import {
  needsReportReminder,
  PERIOD_STANDING_LABELS,
  periodStanding,
} from "../../../domain/indicators.js";
import {
  isPastDue,
  sortWorkItems,
  surveyWorkDetail,
  toolWorkKind,
  WORK_ITEM_KIND_LABELS,
} from "../../../domain/my-work.js";
import { SURVEY_TOOL_CODE } from "../../../domain/survey.js";
import type { Database } from "../../db/client.js";
import {
  agreements,
  commitments,
  deadlineExtensions,
  improvementActions,
  indicatorAdoptions,
  indicatorReports,
  liaisonDesignations,
  mailOutbox,
  municipalities,
  reviewerMunicipalities,
  surveys,
  toolInstances,
} from "../../db/schema/index.js";
import { isOpenActionRow } from "../improvement-plans/service.js";
import { periodsOfAdoption } from "../indicators/queries.js";
import { instanceLabel } from "../notifications/tool-events.js";
import { listReviewQueue } from "../review-queue/queries.js";
import { listInstances } from "../tool-instances/queries.js";

const dayMonthYear = (date: string) => date.split("-").reverse().join("/");

/**
 * A liaison's or collaborator's municipality: tools, observations, commitments, improvement
 * actions, M2 indicator periods to report and M1 surveys to open or close.
 */
export async function municipalityWork(db: Database, cvegeo: string, now: Date): Promise<MyWork> {
  const today = localDateOf(now);
  const [instances, open, actions, surveyStates, periods] = await Promise.all([
    listInstances(db, cvegeo, now),
    db
      .select({
        id: commitments.id,
        description: commitments.description,
        dueOn: commitments.dueOn,
      })
      .from(commitments)
      .where(and(eq(commitments.municipalityCvegeo, cvegeo), eq(commitments.status, "open"))),
    db
      .select({
        id: improvementActions.id,
        description: improvementActions.description,
        toolCode: improvementActions.toolCode,
        dueOn: improvementActions.dueOn,
      })
      .from(improvementActions)
      .where(and(eq(improvementActions.municipalityCvegeo, cvegeo), isOpenActionRow())),
    db
      .select({ instanceId: surveys.toolInstanceId, status: surveys.status })
      .from(surveys)
      .where(eq(surveys.municipalityCvegeo, cvegeo)),
    indicatorPeriodsDue(db, cvegeo, today),
  ]);
  const surveyOf = new Map(surveyStates.map((row) => [row.instanceId, row.status]));
  const items: WorkItem[] = [];
  for (const instance of instances) {
    const kind = toolWorkKind(instance, today);
    if (!kind) {
      continue;
    }
    const label = instanceLabel({
      toolCode: instance.tool,
      partCode: instance.part,
      toolName: instance.toolName,
      partName: instance.partName,
      cycle: instance.cycle,
    });
    items.push({
      kind,
      title: label,
      detail:
        kind === "observations"
          ? "Devuelta con observaciones: respóndalas y vuelva a enviarla."
          : instance.deadline
            ? `Plazo: ${dayMonthYear(instance.deadline)}`
            : "Sin plazo",
      date: instance.deadline,
      overdue: instance.overdue,
      link: `/herramientas/${instance.id}`,
    });
    const survey =
      instance.tool === SURVEY_TOOL_CODE && kind !== "observations"
        ? surveyWorkDetail(surveyOf.get(instance.id) ?? null)
        : null;
    if (survey) {
      items.push({
        kind: "survey_due",
        title: label,
        detail: survey,
        date: instance.deadline,
        overdue: instance.overdue,
        link: `/herramientas/${instance.id}/encuesta`,
      });
    }
  }
  items.push(...periods);
  for (const commitment of open) {
    items.push({
      kind: "commitment_due",
      title: commitment.description,
      detail: `Fecha compromiso: ${dayMonthYear(commitment.dueOn)}`,
      date: commitment.dueOn,
      overdue: isPastDue(commitment.dueOn, today),
      link: "/acompanamiento/acuerdos",
    });
  }
  for (const action of actions) {
    items.push({
      kind: "improvement_action_due",
      title: action.toolCode ? `${action.toolCode} · ${action.description}` : action.description,
      detail: `Fecha compromiso: ${dayMonthYear(action.dueOn)}`,
      date: action.dueOn,
      overdue: isPastDue(action.dueOn, today),
      link: `/municipios/${cvegeo}/plan-de-mejora`,
    });
  }
  return { view: "municipality", items: sortWorkItems(items), scope: null };
}

/** The M2 periods of the municipality's battery not yet sent, due within a week or late. */
async function indicatorPeriodsDue(
  db: Database,
  cvegeo: string,
  today: string,
): Promise<WorkItem[]> {
  const [adoption] = await db
    .select()
    .from(indicatorAdoptions)
    .where(eq(indicatorAdoptions.municipalityCvegeo, cvegeo));
  if (!adoption) {
    return [];
  }
  const sent = new Set(
    (
      await db
        .select({ period: indicatorReports.periodKey })
        .from(indicatorReports)
        .where(
          and(
            eq(indicatorReports.adoptionId, adoption.id),
            eq(indicatorReports.status, "submitted"),
          ),
        )
    ).map((row) => row.period),
  );
  return periodsOfAdoption(adoption, today)
    .filter((period) => needsReportReminder(period, sent.has(period.key), today))
    .map((period) => {
      const late = periodStanding(period, null, today) === "late";
      return {
        kind: "indicator_period_due",
        title: `Indicadores del ${period.label}`,
        detail: `${late ? PERIOD_STANDING_LABELS.late : "Por reportar"}: a más tardar el ${dayMonthYear(period.dueOn)}`,
        date: period.dueOn,
        overdue: late,
        link: `/herramientas/${adoption.toolInstanceId}/indicadores/${period.key}`,
      };
    });
}

/**
 * A reviewer's queue, oldest first: their portfolio's («Mis municipios») when they have one, else
 * every municipality's. Admins, who have no portfolio, get the whole queue.
 */
export async function reviewWork(db: Database, reviewerId: string, now: Date): Promise<MyWork> {
  const [assigned] = await db
    .select({ n: count() })
    .from(reviewerMunicipalities)
    .where(eq(reviewerMunicipalities.reviewerId, reviewerId));
  const scope = (assigned?.n ?? 0) > 0 ? "mine" : "all";
  const queue = await listReviewQueue(db, { scope }, now, reviewerId);
  return {
    view: "review",
    scope,
    items: queue.map((entry) => ({
      kind: "review_waiting",
      title: `${instanceLabel({
        toolCode: entry.tool,
        partCode: entry.part,
        toolName: entry.toolName,
        partName: entry.partName,
        cycle: entry.cycle,
      })} · ${entry.municipality.name}`,
      detail: `${entry.resubmission ? "Reenvío" : "Envío"} del ${dayMonthYear(localDateOf(new Date(entry.submittedAt)))}: ${entry.daysWaiting} días en espera`,
      date: localDateOf(new Date(entry.submittedAt)),
      overdue: false,
      link: `/herramientas/${entry.instanceId}`,
    })),
  };
}

/**
 * What keeps the instance running: agreements without a liaison, long reviews, extensions to
 * decide, held mail.
 */
export async function adminWork(db: Database, days: number, now: Date): Promise<MyWork> {
  const [orphans, queue, held, extensions] = await Promise.all([
    db
      .select({
        cvegeo: municipalities.cvegeo,
        name: municipalities.name,
        signedOn: agreements.signedOn,
      })
      .from(agreements)
      .innerJoin(municipalities, eq(municipalities.cvegeo, agreements.municipalityCvegeo))
      .where(
        notExists(
          db
            .select({ one: sql`1` })
            .from(liaisonDesignations)
            .where(
              and(
                eq(liaisonDesignations.municipalityCvegeo, agreements.municipalityCvegeo),
                isNull(liaisonDesignations.endedAt),
              ),
            ),
        ),
      )
      .orderBy(asc(agreements.signedOn), asc(municipalities.name)),
    listReviewQueue(db, {}, now),
    db
      .select({ n: count() })
      .from(mailOutbox)
      .where(inArray(mailOutbox.status, ["held", "failed"])),
    db
      .select({
        requestedOn: deadlineExtensions.requestedOn,
        deadlineBefore: deadlineExtensions.deadlineBefore,
        instanceId: deadlineExtensions.toolInstanceId,
        toolCode: toolInstances.toolCode,
        partCode: toolInstances.partCode,
        municipality: municipalities.name,
      })
      .from(deadlineExtensions)
      .innerJoin(toolInstances, eq(toolInstances.id, deadlineExtensions.toolInstanceId))
      .innerJoin(municipalities, eq(municipalities.cvegeo, deadlineExtensions.municipalityCvegeo))
      .where(eq(deadlineExtensions.status, "pending"))
      .orderBy(asc(deadlineExtensions.requestedAt)),
  ]);
  const items: WorkItem[] = orphans.map((agreement) => ({
    kind: "agreement_without_liaison",
    title: agreement.name,
    detail: `Convenio firmado el ${dayMonthYear(agreement.signedOn)}, sin enlace designado.`,
    date: agreement.signedOn,
    overdue: false,
    link: `/municipios/${agreement.cvegeo}`,
  }));
  for (const entry of queue.filter((item) => item.daysWaiting > days)) {
    items.push({
      kind: "review_delayed",
      title: `${entry.tool}${entry.part ? ` ${entry.part})` : ""} · ${entry.municipality.name}`,
      detail: `${entry.daysWaiting} días esperando revisión`,
      date: localDateOf(new Date(entry.submittedAt)),
      overdue: true,
      link: `/herramientas/${entry.instanceId}`,
    });
  }
  for (const extension of extensions) {
    items.push({
      kind: "extension_to_decide",
      title: `${extension.toolCode}${extension.partCode ? ` ${extension.partCode}` : ""} · ${extension.municipality}`,
      detail: `Prórroga pedida el ${dayMonthYear(extension.requestedOn)}; plazo vigente: ${dayMonthYear(extension.deadlineBefore)}`,
      date: extension.requestedOn,
      overdue: false,
      link: "/prorrogas",
    });
  }
  const mail = held[0]?.n ?? 0;
  if (mail > 0) {
    items.push({
      kind: "mail_held",
      title: `${mail} ${mail === 1 ? "correo retenido o fallido" : "correos retenidos o fallidos"}`,
      detail: `${WORK_ITEM_KIND_LABELS.mail_held}: revise el servidor de correo y los envíos fallidos.`,
      date: null,
      overdue: false,
      link: "/correo-saliente",
    });
  }
  return { view: "admin", items: sortWorkItems(items), scope: null };
}
