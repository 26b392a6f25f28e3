/**
 * «Mi trabajo», built from the queries the other screens use: a municipality's tool list, the
 * review queue, commitments and improvement actions, designations and the outbox.
 */
import { and, asc, count, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import type { MyWork, WorkItem } from "../../../contracts/my-work.js";
import { localDateOf } from "../../../domain/dates.js";
import {
  isPastDue,
  sortWorkItems,
  toolWorkKind,
  WORK_ITEM_KIND_LABELS,
} from "../../../domain/my-work.js";
import type { Database } from "../../db/client.js";
import {
  agreements,
  commitments,
  improvementActions,
  liaisonDesignations,
  mailOutbox,
  municipalities,
  reviewerMunicipalities,
} from "../../db/schema/index.js";
import { instanceLabel } from "../notifications/tool-events.js";
import { listReviewQueue } from "../review-queue/queries.js";
import { listInstances } from "../tool-instances/queries.js";

const dayMonthYear = (date: string) => date.split("-").reverse().join("/");

/** A liaison's or collaborator's municipality: tools, observations, commitments, improvement actions. */
export async function municipalityWork(db: Database, cvegeo: string, now: Date): Promise<MyWork> {
  const today = localDateOf(now);
  const [instances, open, actions] = await Promise.all([
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
      .where(
        and(
          eq(improvementActions.municipalityCvegeo, cvegeo),
          inArray(improvementActions.status, ["planned", "in_progress"]),
        ),
      ),
  ]);
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
  }
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

/** What keeps the instance running: agreements without a liaison, long reviews, held mail. */
export async function adminWork(db: Database, days: number, now: Date): Promise<MyWork> {
  const [orphans, queue, held] = await Promise.all([
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
