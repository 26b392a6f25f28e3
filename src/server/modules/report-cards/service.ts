/**
 * Report cards (cédulas de avance): issuing one stores what it says (with its SHA-256 and the code
 * derived from it) and records the audit event in the same transaction; the PDF is always drawn
 * from the stored content, so a card downloaded again says exactly what it said when issued.
 */
import { createHash } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type {
  ReportCard,
  ReportCardContent,
  ReportCardVerification,
} from "../../../contracts/reports.js";
import { localDateOf } from "../../../domain/dates.js";
import { isOverdue } from "../../../domain/deadlines.js";
import { canIssueReportCard } from "../../../domain/policy.js";
import { countedInstances, cycleOutcome } from "../../../domain/progress.js";
import { publicToolState } from "../../../domain/public-progress.js";
import { canonicalJson, normalizeCode, verificationCode } from "../../../domain/report-card.js";
import { asPercent } from "../../../domain/scores.js";
import type { Database, Executor } from "../../db/client.js";
import { modelVersions, municipalities, reportCards, users } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { insertAudited } from "../../lib/audited-writes.js";
import { AppError, conflict, forbidden, isUniqueViolation, notFound } from "../../lib/errors.js";
import { foundRow } from "../../lib/found-row.js";
import { canSeeMunicipality, inScope } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import { listOpenObservations } from "../dashboard/queries.js";
import { getInstitution } from "../institution/service.js";
import { getMunicipality } from "../municipalities/queries.js";
import { progressService, type RegionalProgress } from "../progress/service.js";
import { selectInstanceRows } from "../tool-instances/queries.js";

const pctOrNull = (value: number | null) => (value === null ? null : asPercent(value));

/** What a card issued now for a municipality would say (it must take part). */
export async function composeReportCard(
  db: Database,
  cvegeo: string,
  now: Date,
  shared?: RegionalProgress,
): Promise<ReportCardContent> {
  const municipality = await getMunicipality(db, cvegeo);
  const progress = shared ?? (await progressService(db).current(now));
  const row = progress.byCvegeo.get(cvegeo);
  const participant = progress.participants.get(cvegeo);
  if (!row || !participant) {
    throw conflict(`${municipality.name} no tiene convenio: aún no hay avance que reportar.`);
  }
  const outline = progress.outlines.get(participant.modelVersionId) ?? progress.model;
  const [institution, instanceRows, observations, [version]] = await Promise.all([
    getInstitution(db),
    selectInstanceRows(db, cvegeo),
    listOpenObservations(db, cvegeo),
    db
      .select({ version: modelVersions.version })
      .from(modelVersions)
      .where(eq(modelVersions.id, participant.modelVersionId)),
  ]);
  const today = progress.asOf;
  const all = instanceRows
    .map(({ instance, partName }) => ({
      toolCode: instance.toolCode,
      partCode: instance.partCode,
      partName,
      cycle: instance.cycle,
      opensOn: instance.opensOn,
      deadline: instance.deadline,
      state: instance.state,
      firstSubmittedOn: instance.firstSubmittedAt ? localDateOf(instance.firstSubmittedAt) : null,
      validatedOn:
        instance.state === "validated" && instance.validatedAt
          ? localDateOf(instance.validatedAt)
          : null,
      maturity: instance.maturity,
    }))
    .filter((instance) => instance.opensOn <= today);
  const current = countedInstances(all, today);
  const cyclesOf = (toolCode: string) =>
    all
      .filter((instance) => instance.toolCode === toolCode)
      .sort((a, b) => a.cycle - b.cycle || (a.partCode ?? "").localeCompare(b.partCode ?? ""))
      .map((instance) => ({
        cycle: instance.cycle,
        part: instance.partCode,
        partName: instance.partName,
        opensOn: instance.opensOn,
        state: instance.state,
        deadline: instance.deadline,
        submittedOn: instance.firstSubmittedOn,
        validatedOn: instance.validatedOn,
        outcome: cycleOutcome(instance, today),
      }));
  const regional = new Map(progress.summary.dimensions.map((d) => [d.code, d.median]));
  const scores = new Map(row.scores.tools.map((tool) => [tool.code, tool.score]));
  return {
    format: 1,
    institution: {
      name: institution.name,
      unitName: institution.unitName,
      stateName: institution.stateName,
    },
    municipality: { cvegeo: municipality.cvegeo, name: municipality.name },
    issuedAt: now.toISOString(),
    asOf: today,
    agreement: {
      signedOn: participant.signedOn,
      cohort: participant.cohort,
      modelVersion: version?.version ?? null,
    },
    index: asPercent(row.scores.index),
    rank: progress.ranks.get(cvegeo) ?? 0,
    participants: progress.municipalities.length,
    regionalMedianIndex: pctOrNull(progress.summary.index.median),
    onTime: { ...row.scores.onTime, rate: pctOrNull(row.scores.onTime.rate) },
    dimensions: outline.dimensions.map((d) => ({
      code: d.code,
      name: d.name,
      score: asPercent(row.scores.dimensions.find((s) => s.code === d.code)?.score ?? 0),
      regionalMedian: pctOrNull(regional.get(d.code) ?? null),
    })),
    tools: outline.dimensions.flatMap((d) =>
      d.tools.flatMap((tool) => {
        const status = row.tools.find((t) => t.toolCode === tool.code);
        if (!status) {
          return [];
        }
        return [
          {
            code: tool.code,
            name: tool.name,
            dimension: d.code,
            score: asPercent(scores.get(tool.code) ?? 0),
            state: status.state,
            overdue: status.overdue,
            missedCycles: status.missedCycles,
            workingCycle: status.workingCycle,
            ...(tool.annual ? { cycles: cyclesOf(tool.code) } : {}),
            items: current
              .filter((instance) => instance.toolCode === tool.code)
              .map((instance) => ({
                part: instance.partCode,
                partName: instance.partName,
                cycle: instance.cycle,
                state: instance.state,
                deadline: instance.deadline,
                submittedOn: instance.firstSubmittedOn,
                validatedOn: instance.validatedOn,
              })),
          },
        ];
      }),
    ),
    openObservations: observations.map((o) => ({
      tool: o.tool,
      part: o.part,
      type: o.type,
      text: o.text,
    })),
  };
}

/** The SHA-256 (hex) of a card's canonical content. */
export function contentHash(content: ReportCardContent): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

/** A card issued as part of a batch: the batch, and the region's progress read once for all. */
export interface BatchIssue {
  batchId: string;
  progress: RegionalProgress;
}

/**
 * Issues a municipality's report card. Staff issue for any municipality; a liaison for their own
 * (a collaborator prepares, the liaison issues); another municipality's answers 404.
 */
export async function issueReportCard(
  db: Database,
  cvegeo: string,
  user: AuthUser,
  actor: Actor,
  now: Date,
  batch?: BatchIssue,
): Promise<string> {
  if (!canSeeMunicipality(user, cvegeo)) {
    throw notFound("El municipio no existe.");
  }
  if (!canIssueReportCard(user, cvegeo)) {
    throw forbidden("La cédula de avance la emite el enlace o el personal del órgano garante.");
  }
  const content = await composeReportCard(db, cvegeo, now, batch?.progress);
  const sha256 = contentHash(content);
  const code = verificationCode(sha256);
  try {
    return await db.transaction(async (tx) => {
      const issued = { issuedAt: now, issuedBy: user.id, batchId: batch?.batchId ?? null };
      const card = { code, contentSha256: sha256, municipalityCvegeo: cvegeo, content, ...issued };
      const { id } = await insertAudited(tx, actor, reportCards, card, {
        action: "report_card.issued",
        entityType: "report_card",
        municipality: cvegeo,
        after: {
          code,
          sha256,
          index: content.index,
          asOf: content.asOf,
          ...(batch ? { batch: batch.batchId } : {}),
        },
      });
      return id;
    });
  } catch (error) {
    // The same content issued twice in the same instant (a double click) is the same card.
    if (isUniqueViolation(error)) {
      const [existing] = await db
        .select({ id: reportCards.id, sha256: reportCards.contentSha256 })
        .from(reportCards)
        .where(eq(reportCards.code, code));
      if (existing?.sha256 === sha256) {
        return existing.id;
      }
    }
    throw error;
  }
}

function selectCards(db: Executor) {
  return db
    .select({
      card: reportCards,
      municipalityName: municipalities.name,
      issuedBy: users.name,
    })
    .from(reportCards)
    .innerJoin(municipalities, eq(municipalities.cvegeo, reportCards.municipalityCvegeo))
    .leftJoin(users, eq(users.id, reportCards.issuedBy));
}

type CardRow = Awaited<ReturnType<typeof selectCards>>[number];

function present(row: CardRow, publicUrl: string): ReportCard {
  const content = row.card.content as ReportCardContent;
  return {
    id: row.card.id,
    code: row.card.code,
    municipality: { cvegeo: row.card.municipalityCvegeo, name: row.municipalityName },
    issuedAt: row.card.issuedAt.toISOString(),
    issuedBy: row.issuedBy,
    index: content.index,
    pdfUrl: `/api/report-cards/${row.card.id}/pdf`,
    verificationUrl: verificationUrl(publicUrl, row.card.code),
  };
}

/** The public page that verifies a code. */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/verificar/${code}`;
}

/** A municipality's issued cards, newest first. */
export async function listReportCards(
  db: Executor,
  cvegeo: string,
  publicUrl: string,
): Promise<ReportCard[]> {
  const rows = await selectCards(db)
    .where(eq(reportCards.municipalityCvegeo, cvegeo))
    .orderBy(desc(reportCards.issuedAt));
  return rows.map((row) => present(row, publicUrl));
}

/** One issued card with its content, for whoever may see its municipality (others: 404). */
export async function getReportCard(
  db: Executor,
  id: string,
  user: AuthUser,
  publicUrl: string,
): Promise<{ card: ReportCard; content: ReportCardContent; sha256: string }> {
  const [row] = await selectCards(db).where(
    and(eq(reportCards.id, id), inScope(user, reportCards.municipalityCvegeo)),
  );
  if (!row) {
    throw notFound("La cédula no existe.");
  }
  return {
    card: present(row, publicUrl),
    content: row.card.content as ReportCardContent,
    sha256: row.card.contentSha256,
  };
}

/**
 * One issued card for its PDF, for whoever may see its municipality (others: 404), recording the
 * download (`report_card.downloaded`) with the request's actor.
 */
export async function downloadReportCard(
  db: Executor,
  id: string,
  user: AuthUser,
  actor: Actor,
  publicUrl: string,
): Promise<{ card: ReportCard; content: ReportCardContent; sha256: string }> {
  const found = await getReportCard(db, id, user, publicUrl);
  await recordAudit(db, actor, {
    action: "report_card.downloaded",
    entityType: "report_card",
    entityId: found.card.id,
    municipality: found.card.municipality.cvegeo,
    after: { code: found.card.code, asOf: found.content.asOf, format: "pdf" },
  });
  return found;
}

/**
 * What the card with a printed code said, in public terms, and whether its stored content still
 * matches its hash. An unknown or malformed code answers 404.
 */
export async function verifyReportCard(
  db: Executor,
  typedCode: string,
): Promise<ReportCardVerification> {
  const code = normalizeCode(typedCode);
  if (!code) {
    throw new AppError(
      "not_found",
      "El código no corresponde a ninguna cédula: son 16 caracteres, p. ej. 3F9A-12BC-77D0-E145.",
    );
  }
  const row = await foundRow(
    db,
    reportCards,
    eq(reportCards.code, code),
    "El código no corresponde a ninguna cédula emitida.",
  );
  const content = row.content as ReportCardContent;
  const late = (deadline: string | null, validated: boolean) =>
    isOverdue(deadline, validated, content.asOf);
  return {
    code: row.code,
    intact: contentHash(content) === row.contentSha256,
    contentSha256: row.contentSha256,
    issuedAt: content.issuedAt,
    asOf: content.asOf,
    institution: { name: content.institution.name, unitName: content.institution.unitName },
    municipality: content.municipality,
    index: content.index,
    rank: content.rank,
    participants: content.participants,
    dimensions: content.dimensions.map(({ code: dimension, name, score }) => ({
      code: dimension,
      name,
      score,
    })),
    tools: content.tools.map((tool) => ({
      code: tool.code,
      name: tool.name,
      state: publicToolState(tool),
      items: tool.items.map((item) => ({
        part: item.part,
        partName: item.partName,
        cycle: item.cycle,
        state: publicToolState({
          state: item.state,
          overdue: late(item.deadline, item.state === "validated"),
        }),
        deadline: item.deadline,
        validatedOn: item.validatedOn,
      })),
      missedCycles: tool.missedCycles ?? [],
      cycles: (tool.cycles ?? []).map((cycle) => ({
        cycle: cycle.cycle,
        part: cycle.part,
        deadline: cycle.deadline,
        validatedOn: cycle.validatedOn,
        outcome: cycle.outcome,
      })),
    })),
    openObservations: content.openObservations.length,
  };
}
