/**
 * The notifications of the implementation cycle, called by the review and diagnostic services in
 * the transaction of the change they report.
 */
import { count, eq } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import type { ReviewOutcome } from "../../../domain/review.js";
import type { Executor } from "../../db/client.js";
import {
  modelToolParts,
  modelTools,
  municipalities,
  reviews,
  toolInstances,
} from "../../db/schema/index.js";
import { instanceJoins } from "../../lib/instance-joins.js";
import { municipalRecipients, reviewersOfSubmission } from "./recipients.js";
import { type NotificationDraft, notify, notifyEach } from "./service.js";

/** "E2 · Política de Transparencia", "R1 b) Perfil de transparencia activa", "+ (ciclo 2)". */
export function instanceLabel(facts: {
  toolCode: string;
  partCode: string | null;
  toolName: string;
  partName: string | null;
  cycle: number;
}): string {
  const code = facts.partCode ? `${facts.toolCode} ${facts.partCode})` : facts.toolCode;
  const name = facts.partName ?? facts.toolName;
  return `${code} · ${name}${facts.cycle > 1 ? ` (ciclo ${facts.cycle})` : ""}`;
}

/** What every notice about an instance shows of it: where it belongs and what names it. */
const instanceNameColumns = {
  id: toolInstances.id,
  cvegeo: toolInstances.municipalityCvegeo,
  municipality: municipalities.name,
  toolCode: toolInstances.toolCode,
  partCode: toolInstances.partCode,
  cycle: toolInstances.cycle,
  toolName: modelTools.name,
  partName: modelToolParts.name,
};

/**
 * Instances with their municipality, tool and part names (see instanceLabel), plus the `extra`
 * columns a notice needs; the caller adds its `where` and order.
 */
export function selectNamedInstances<T extends SelectedFields>(tx: Executor, extra: T) {
  return tx
    .select({ ...instanceNameColumns, ...extra })
    .from(toolInstances)
    .innerJoin(municipalities, instanceJoins.municipality)
    .innerJoin(modelTools, instanceJoins.tool)
    .leftJoin(modelToolParts, instanceJoins.part);
}

/** An instance's names and version, with its label (see instanceLabel), for a notice about it. */
export async function instanceFacts(tx: Executor, instanceId: string) {
  const [row] = await selectNamedInstances(tx, { version: toolInstances.version }).where(
    eq(toolInstances.id, instanceId),
  );
  if (!row) {
    throw new Error(`tool instance ${instanceId} not found`);
  }
  return { ...row, label: instanceLabel(row) };
}

/**
 * Something a municipality sent to review (a tool, the initial diagnostic): its assigned reviewers
 * are told, plus those who asked to hear of every submission; with nobody assigned, every active
 * reviewer (`submissionRecipients`). Once per dedupe key. (Admins are not: they see the queue
 * when they review.)
 */
async function notifyReviewers(
  tx: Executor,
  cvegeo: string,
  notice: Omit<NotificationDraft, "userId" | "kind">,
): Promise<void> {
  const reviewers = await reviewersOfSubmission(tx, cvegeo);
  await notify(
    tx,
    reviewers.map(
      (reviewerId): NotificationDraft => ({
        userId: reviewerId,
        kind: "submission_received",
        ...notice,
      }),
    ),
  );
}

/**
 * A municipality sent a tool to review: every active reviewer is told. (Admins are not: they see
 * the queue when they review; see NOTIFICATION_KINDS_BY_ROLE.) Call after the state change: the
 * instance's new version makes the key, so each submission is announced once.
 */
export async function notifyInstanceSubmitted(tx: Executor, instanceId: string): Promise<void> {
  const facts = await instanceFacts(tx, instanceId);
  const [previous] = await tx
    .select({ n: count() })
    .from(reviews)
    .where(eq(reviews.toolInstanceId, instanceId));
  const resubmission = (previous?.n ?? 0) > 0;
  await notifyReviewers(tx, facts.cvegeo, {
    title: `${resubmission ? "Reenvío" : "Nuevo envío"} a revisión: ${facts.toolCode}${facts.partCode ? ` ${facts.partCode})` : ""} · ${facts.municipality}`,
    body: resubmission
      ? `${facts.municipality} volvió a enviar a revisión ${facts.label}, tras atender las observaciones.`
      : `${facts.municipality} envió a revisión ${facts.label}.`,
    link: `/herramientas/${instanceId}`,
    dedupeKey: `submitted:${instanceId}:v${facts.version}`,
    action: "Revisar la herramienta",
  });
}

/**
 * A reviewer validated a tool or returned it with observations: the municipality's liaison and
 * collaborators are told. Call after the state change (the new version makes the key).
 */
export async function notifyInstanceReviewed(
  tx: Executor,
  instanceId: string,
  outcome: { decision: ReviewOutcome; observations: number },
): Promise<void> {
  const facts = await instanceFacts(tx, instanceId);
  const people = await municipalRecipients(tx, [facts.cvegeo]);
  const validated = outcome.decision === "validated";
  const observations =
    outcome.observations === 1 ? "1 observación" : `${outcome.observations} observaciones`;
  await notifyEach(tx, people, {
    kind: validated ? "tool_validated" : "observations_received",
    title: validated ? `Herramienta validada: ${facts.label}` : `Observaciones en ${facts.label}`,
    body: validated
      ? `La herramienta ${facts.label} de ${facts.municipality} fue validada.`
      : `La herramienta ${facts.label} de ${facts.municipality} fue devuelta con ${observations}.\n\nRespóndalas, suba la versión corregida y vuelva a enviarla a revisión.`,
    link: `/herramientas/${instanceId}`,
    dedupeKey: `reviewed:${instanceId}:v${facts.version}`,
    action: validated ? "Ver la herramienta" : "Ver las observaciones",
  });
}

/**
 * A municipality submitted its initial diagnostic: one notification to each reviewer for the
 * whole diagnostic (not one per claimed tool), once.
 */
export async function notifyDiagnosticSubmitted(
  tx: Executor,
  cvegeo: string,
  counts: { claimed: number; pending: number },
): Promise<void> {
  const [municipality] = await tx
    .select({ name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.cvegeo, cvegeo));
  const name = municipality?.name ?? cvegeo;
  const claimed =
    counts.claimed === 1
      ? "1 herramienta declarada con documento pasa"
      : `${counts.claimed} herramientas declaradas con documento pasan`;
  await notifyReviewers(tx, cvegeo, {
    title: `Diagnóstico inicial enviado: ${name}`,
    body: `${name} envió su diagnóstico inicial: ${claimed} a revisión; ${counts.pending} quedan pendientes de elaboración.`,
    link: `/municipios/${cvegeo}/diagnostico`,
    dedupeKey: `diagnostic:${cvegeo}`,
    action: "Ver el diagnóstico",
  });
}
