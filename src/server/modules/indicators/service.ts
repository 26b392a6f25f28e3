/**
 * M2 indicators: the liaison adopts the battery with its targets (generating the M2 evidence
 * document), the municipality drafts each period's values and the liaison submits them. Each
 * write is one transaction with its audit event.
 */
import { and, eq } from "drizzle-orm";
import { localDateOf } from "../../../domain/dates.js";
import {
  planSheetImport,
  type SheetRow,
  type SheetRowPlan,
  sheetChangesByPeriod,
} from "../../../domain/indicator-sheet.js";
import {
  type AdoptedIndicator,
  type AdoptionChoice,
  adoptionProblems,
  correctionReasonProblem,
  type IndicatorProblem,
  indicatorBattery,
  indicatorValueProblem,
  MAX_VALUE_NOTE,
  periodStanding,
  startYearProblem,
  submitPeriodProblem,
} from "../../../domain/indicators.js";
import {
  canAdoptIndicators,
  canDraftIndicatorValues,
  canSubmitIndicatorReport,
} from "../../../domain/policy.js";
import { registerFigure } from "../../../domain/training-indicators.js";
import type { Database, Executor } from "../../db/client.js";
import {
  indicatorAdoptions,
  indicatorCorrections,
  indicatorReports,
  indicatorValues,
} from "../../db/schema/index.js";
import type { Acting } from "../../lib/acting.js";
import { recordAudit } from "../../lib/audit.js";
import { updateAudited } from "../../lib/audited-writes.js";
import { AppError, conflict, forbidden, notFound } from "../../lib/errors.js";
import { updateOrInsert } from "../../lib/one-row.js";
import type { AuthUser } from "../../plugins/auth.js";
import type { BlobStore } from "../../storage/index.js";
import { storeUpload } from "../../uploads/store.js";
import { recordEvidenceVersion } from "../evidence/service.js";
import { getInstitution } from "../institution/service.js";
import { lockInstance } from "../review/service.js";
import { adoptionPdf } from "./pdf.js";
import {
  type AdoptionRow,
  adoptedItems,
  adoptedPeriod,
  findAdoption,
  getIndicatorsInstance,
  periodsOfAdoption,
  type ReportRow,
  reportsOf,
  trainingsFeeding,
} from "./queries.js";
import type { TemplatePeriod } from "./sheet.js";

function refuse(problems: readonly IndicatorProblem[]): never {
  throw new AppError(
    "validation_error",
    problems[0]?.message ?? "",
    problems.map((p) => ({ field: p.field, message: p.message })),
  );
}

export interface AdoptInput {
  instanceId: string;
  startYear: number;
  choices: AdoptionChoice[];
  expectedRevision: number | undefined;
  maxBytes: number;
  tempDir: string;
}

/**
 * The designated liaison adopts the battery of the M2 instance's model version with its targets
 * (or adopts it again with new ones). The adopted battery as a PDF becomes a new evidence version
 * of the M2 instance, a draft ready to submit; the adoption, the version and their audit events
 * commit together, and the stored file is deleted if anything fails. Refused while M2 is in review
 * or validated (as any upload is).
 */
export async function adoptIndicators(
  db: Database,
  blobs: BlobStore,
  input: AdoptInput,
  { user, actor, now }: Acting,
): Promise<void> {
  const { instance, municipalityName, modelVersion } = await getIndicatorsInstance(
    db,
    input.instanceId,
    user,
  );
  if (!canAdoptIndicators(user, instance.municipalityCvegeo)) {
    throw forbidden("La batería de indicadores la adopta el enlace designado del municipio.");
  }
  const today = localDateOf(now);
  const battery = indicatorBattery(modelVersion);
  const yearProblem = startYearProblem(input.startYear, today);
  const problems = [
    ...(yearProblem ? [{ field: "startYear", message: yearProblem }] : []),
    ...adoptionProblems(battery, input.choices),
  ];
  if (problems.length > 0) {
    refuse(problems);
  }
  const choices = new Map(input.choices.map((choice) => [choice.code, choice]));
  const items: AdoptedIndicator[] = battery.map((definition) => {
    const choice = choices.get(definition.code);
    const excluded = choice?.excluded ?? false;
    return {
      ...definition,
      target: excluded ? null : (choice?.target ?? null),
      excluded,
      exclusionReason: excluded ? (choice?.exclusionReason?.trim() ?? null) : null,
    };
  });
  const existing = await findAdoption(db, instance.municipalityCvegeo);
  const revision = (existing?.revision ?? 0) + 1;
  const pdf = adoptionPdf({
    municipality: { cvegeo: instance.municipalityCvegeo, name: municipalityName },
    institution: await getInstitution(db),
    startYear: input.startYear,
    adoptedOn: today,
    revision,
    items,
  });
  await storeUpload(blobs, pdf, { maxBytes: input.maxBytes, tempDir: input.tempDir }, (stored) =>
    db.transaction(async (tx) => {
      const locked = await lockInstance(tx, instance.id, user);
      const current = await findAdoption(tx, locked.municipalityCvegeo);
      if (current && current.toolInstanceId !== locked.id) {
        throw conflict("El municipio ya adoptó la batería en otra herramienta M2.");
      }
      if ((current?.revision ?? 0) !== (input.expectedRevision ?? existing?.revision ?? 0)) {
        throw conflict("La batería cambió mientras la editaba: recargue la página.");
      }
      const values = {
        startYear: input.startYear,
        items,
        revision: (current?.revision ?? 0) + 1,
        adoptedAt: now,
        adoptedBy: user.id,
        modelVersion,
      };
      const adoption = await updateOrInsert(tx, indicatorAdoptions, current, values, {
        toolInstanceId: locked.id,
        municipalityCvegeo: locked.municipalityCvegeo,
      });
      await recordEvidenceVersion(
        tx,
        locked,
        stored,
        {
          fileName: `M2-bateria-de-indicadores-rev-${adoption.revision}.pdf`,
          effectiveOn: undefined,
          isPublic: false,
        },
        user,
        actor,
        now,
      );
      await recordAudit(tx, actor, {
        action: "indicator_battery.adopted",
        entityType: "indicator_adoption",
        entityId: adoption.id,
        municipality: adoption.municipalityCvegeo,
        before: current ? adoptionSnapshot(current) : null,
        after: adoptionSnapshot(adoption),
      });
    }),
  );
}

const adoptionSnapshot = (adoption: AdoptionRow) => ({
  startYear: adoption.startYear,
  revision: adoption.revision,
  targets: Object.fromEntries(
    adoption.items.map((item) => [item.code, item.excluded ? null : item.target]),
  ),
  excluded: adoption.items.filter((item) => item.excluded).map((item) => item.code),
});

/**
 * The adoption of an M2 instance the user may see and the period asked (404 otherwise), for a
 * change `may` allows on its municipality (403 with `refusal` otherwise), with the period's
 * indicators.
 */
async function periodToChange(
  db: Executor,
  input: { instanceId: string; periodKey: string },
  { user, now }: Acting,
  may: (user: AuthUser, cvegeo: string) => boolean,
  refusal: string,
) {
  const { adoption } = await adoptionToDraft(db, input.instanceId, user);
  const period = adoptedPeriod(adoption, input.periodKey, localDateOf(now));
  if (!may(user, adoption.municipalityCvegeo)) {
    throw forbidden(refusal);
  }
  const items = adoptedItems(adoption).filter((item) => item.periodicity === period.periodicity);
  return { adoption, period, items };
}

async function lockReport(tx: Executor, adoptionId: string, periodKey: string) {
  const [report] = await tx
    .select()
    .from(indicatorReports)
    .where(
      and(eq(indicatorReports.adoptionId, adoptionId), eq(indicatorReports.periodKey, periodKey)),
    )
    .for("update");
  return report ?? null;
}

export interface SavePeriodInput {
  instanceId: string;
  periodKey: string;
  values: { code: string; value: number | null; note: string | null }[];
  expectedRevision: number;
}

/**
 * The municipality (liaison or collaborator) saves a period's draft values: each one checked
 * against its indicator's type (a null clears it). Refused once the period is submitted, and with
 * 409 when someone saved it since the revision seen.
 */
export async function saveIndicatorPeriod(
  db: Database,
  input: SavePeriodInput,
  acting: Acting,
): Promise<void> {
  const { user, actor, now } = acting;
  const { adoption, period, items } = await periodToChange(
    db,
    input,
    acting,
    canDraftIndicatorValues,
    "Los valores los captura el municipio.",
  );
  const problems = valueProblems(items, input.values);
  if (problems.length > 0) {
    refuse(problems);
  }
  const kept = input.values.filter((entry) => entry.value !== null);
  await db.transaction(async (tx) => {
    const current = await lockReport(tx, adoption.id, period.key);
    if (current?.status === "submitted") {
      throw conflict("Este periodo ya se envió: sus valores ya no cambian.");
    }
    if ((current?.revision ?? 0) !== input.expectedRevision) {
      throw conflict("Alguien guardó este periodo mientras lo editaba: recargue la página.");
    }
    const values = kept.map((entry) => ({
      code: entry.code,
      value: entry.value as number,
      note: entry.note?.trim() || null,
    }));
    const report = await writeReport(tx, adoption, period.key, current, values, user.id, now);
    await recordAudit(tx, actor, {
      action: "indicator_report.saved",
      entityType: "indicator_report",
      entityId: report.id,
      municipality: adoption.municipalityCvegeo,
      after: { period: period.key, values: valueMap(values), revision: report.revision },
    });
  });
}

/**
 * What is wrong with a period's values: an indicator not reported in the period or given twice, a
 * value its indicator's type refuses (a null, which clears a draft value, is not checked), a note
 * too long.
 */
function valueProblems(
  items: readonly AdoptedIndicator[],
  values: readonly { code: string; value: number | null; note: string | null }[],
): IndicatorProblem[] {
  const byCode = new Map(items.map((item) => [item.code, item]));
  const problems: IndicatorProblem[] = [];
  const seen = new Set<string>();
  for (const entry of values) {
    const item = byCode.get(entry.code);
    if (!item || seen.has(entry.code)) {
      problems.push({
        field: entry.code,
        message: `El indicador ${entry.code} no se reporta en este periodo o está repetido.`,
      });
      continue;
    }
    seen.add(entry.code);
    const problem = entry.value === null ? null : indicatorValueProblem(item, entry.value);
    if (problem) {
      problems.push({ field: entry.code, message: `${item.name}: ${problem}` });
    }
    if ((entry.note?.length ?? 0) > MAX_VALUE_NOTE) {
      problems.push({
        field: entry.code,
        message: `La nota admite hasta ${MAX_VALUE_NOTE} caracteres.`,
      });
    }
  }
  return problems;
}

const valueMap = (values: readonly { code: string; value: number }[]) =>
  Object.fromEntries(values.map((entry) => [entry.code, entry.value]));

interface StoredValue {
  code: string;
  value: number;
  note: string | null;
}

/**
 * Replaces a period's values (creating its report the first time) and bumps its revision; the
 * caller holds the report's lock, has checked its status and records the audit event.
 */
async function writeReport(
  tx: Executor,
  adoption: AdoptionRow,
  periodKey: string,
  current: ReportRow | null,
  values: readonly StoredValue[],
  userId: string,
  now: Date,
): Promise<ReportRow> {
  const fields = { revision: (current?.revision ?? 0) + 1, updatedAt: now, updatedBy: userId };
  const report = await updateOrInsert(tx, indicatorReports, current, fields, {
    adoptionId: adoption.id,
    municipalityCvegeo: adoption.municipalityCvegeo,
    periodKey,
  });
  await tx.delete(indicatorValues).where(eq(indicatorValues.reportId, report.id));
  if (values.length > 0) {
    await tx.insert(indicatorValues).values(
      values.map((entry) => ({
        reportId: report.id,
        municipalityCvegeo: adoption.municipalityCvegeo,
        indicatorCode: entry.code,
        periodKey,
        value: entry.value,
        note: entry.note,
      })),
    );
  }
  return report;
}

async function storedValues(tx: Executor, report: ReportRow | null): Promise<StoredValue[]> {
  if (!report) {
    return [];
  }
  const rows = await tx
    .select()
    .from(indicatorValues)
    .where(eq(indicatorValues.reportId, report.id));
  return rows.map((row) => ({ code: row.indicatorCode, value: row.value, note: row.note }));
}

/** The adoption of an M2 instance the user may see, or 404 (also when it is not adopted yet). */
async function adoptionToDraft(db: Executor, instanceId: string, user: AuthUser) {
  const { instance, municipalityName } = await getIndicatorsInstance(db, instanceId, user);
  const adoption = await findAdoption(db, instance.municipalityCvegeo);
  if (!adoption || adoption.toolInstanceId !== instance.id) {
    throw notFound("El municipio aún no adopta la batería de indicadores.");
  }
  return { adoption, municipalityName };
}

/**
 * The periods of the capture template: those ended and not yet sent, oldest first, each with its
 * adopted indicators and its draft values. Anyone who may see the M2 instance may download it.
 */
export async function indicatorTemplate(
  db: Executor,
  instanceId: string,
  user: AuthUser,
  now: Date,
): Promise<{ municipalityName: string; periods: TemplatePeriod[] }> {
  const { adoption, municipalityName } = await adoptionToDraft(db, instanceId, user);
  const reports = await reportsOf(db, adoption.id);
  const items = adoptedItems(adoption);
  const trainings = await trainingsFeeding(db, adoption.municipalityCvegeo, items);
  const periods = periodsOfAdoption(adoption, localDateOf(now))
    .filter((period) => reports.get(period.key)?.report.status !== "submitted")
    .reverse()
    .map((period) => {
      const ofPeriod = items.filter((item) => item.periodicity === period.periodicity);
      return {
        period,
        items: ofPeriod,
        values: valuesByCode(reports.get(period.key)?.values ?? []),
        figures: new Map(
          ofPeriod.flatMap((item) => {
            const figure = registerFigure(item.code, trainings, period);
            return figure ? [[item.code, figure] as const] : [];
          }),
        ),
      };
    });
  return { municipalityName, periods };
}

const valuesByCode = (
  values: readonly { indicatorCode: string; value: number; note: string | null }[],
) => new Map(values.map((v) => [v.indicatorCode, { value: v.value, note: v.note }]));

/** The adoption a capture sheet is imported into, for the municipality only (404/403 first). */
export async function adoptionToImport(
  db: Executor,
  instanceId: string,
  user: AuthUser,
): Promise<AdoptionRow> {
  const { adoption } = await adoptionToDraft(db, instanceId, user);
  if (!canDraftIndicatorValues(user, adoption.municipalityCvegeo)) {
    throw forbidden("Los valores los captura el municipio.");
  }
  return adoption;
}

export interface SheetImport {
  applied: boolean;
  rows: SheetRowPlan[];
}

/**
 * An uploaded capture sheet: its plan (each row's change or error) and, when `apply`, its writing.
 * Applying refuses the whole file while any row has an error; otherwise every changed period is
 * written in one transaction, merging the file's values over the stored draft, each period with
 * its audit event. A file applied twice changes nothing the second time (every row is the same).
 */
export async function importIndicatorSheet(
  db: Database,
  input: { instanceId: string; rows: readonly SheetRow[]; apply: boolean },
  { user, actor, now }: Acting,
): Promise<SheetImport> {
  const adoption = await adoptionToImport(db, input.instanceId, user);
  const reports = await reportsOf(db, adoption.id);
  const periods = periodsOfAdoption(adoption, localDateOf(now)).map((period) => {
    const found = reports.get(period.key);
    return {
      period,
      submitted: found?.report.status === "submitted",
      values: valuesByCode(found?.values ?? []),
    };
  });
  const plan = planSheetImport(adoptedItems(adoption), periods, input.rows);
  if (!input.apply) {
    return { applied: false, rows: plan };
  }
  const errors = plan.filter((row) => row.change === "error");
  if (errors.length > 0) {
    throw new AppError(
      "validation_error",
      `La hoja tiene ${errors.length === 1 ? "una fila" : `${errors.length} filas`} con error: no se guardó nada.`,
      errors.map((row) => ({ field: `fila ${row.row}`, message: row.message ?? "" })),
    );
  }
  const changes = sheetChangesByPeriod(plan);
  if (changes.size === 0) {
    return { applied: true, rows: plan };
  }
  await db.transaction(async (tx) => {
    for (const [key, list] of changes) {
      const current = await lockReport(tx, adoption.id, key);
      if (current?.status === "submitted") {
        throw conflict("Un periodo de la hoja se envió mientras la revisaba: recargue la página.");
      }
      const before = await storedValues(tx, current);
      const merged = new Map(before.map((entry) => [entry.code, entry]));
      for (const entry of list) {
        merged.set(entry.code, entry);
      }
      const values = [...merged.values()];
      const report = await writeReport(tx, adoption, key, current, values, user.id, now);
      await recordAudit(tx, actor, {
        action: "indicator_report.imported",
        entityType: "indicator_report",
        entityId: report.id,
        municipality: adoption.municipalityCvegeo,
        before: { values: valueMap(before) },
        after: {
          period: key,
          values: valueMap(values),
          revision: report.revision,
          rows: list.length,
        },
      });
    }
  });
  return { applied: true, rows: plan };
}

/**
 * The designated liaison submits a period: every adopted indicator of its periodicity has a value.
 * Submitted values count in the series, the regional comparison and, for public indicators, the
 * public page; a period submitted after its due date stays «reportado con atraso».
 */
export async function submitIndicatorPeriod(
  db: Database,
  input: { instanceId: string; periodKey: string; expectedRevision: number },
  acting: Acting,
): Promise<void> {
  const { user, actor, now } = acting;
  const { adoption, period, items } = await periodToChange(
    db,
    input,
    acting,
    canSubmitIndicatorReport,
    "Los valores de un periodo los envía el enlace designado del municipio.",
  );
  await db.transaction(async (tx) => {
    const current = await lockReport(tx, adoption.id, period.key);
    const values = current
      ? await tx.select().from(indicatorValues).where(eq(indicatorValues.reportId, current.id))
      : [];
    const filled = new Set(values.map((v) => v.indicatorCode));
    const problem = submitPeriodProblem(
      current?.status ?? null,
      items.filter((item) => !filled.has(item.code)).map((item) => item.name),
    );
    if (problem) {
      throw conflict(problem);
    }
    if (!current || current.revision !== input.expectedRevision) {
      throw conflict("Alguien guardó este periodo mientras lo revisaba: recargue la página.");
    }
    const revision = current.revision + 1;
    const submitted = {
      status: "submitted" as const,
      submittedAt: now,
      submittedBy: user.id,
      revision,
    };
    await updateAudited(tx, actor, indicatorReports, current.id, submitted, {
      action: "indicator_report.submitted",
      entityType: "indicator_report",
      municipality: adoption.municipalityCvegeo,
      before: { status: "draft" },
      after: {
        period: period.key,
        status: "submitted",
        late: periodStanding(period, localDateOf(now), localDateOf(now)) === "submitted_late",
        values: Object.fromEntries(values.map((v) => [v.indicatorCode, v.value])),
      },
    });
  });
}

export interface CorrectPeriodInput {
  instanceId: string;
  periodKey: string;
  values: { code: string; value: number; note: string | null }[];
  reason: string;
  expectedRevision: number;
}

/**
 * The designated liaison corrects values of a sent period, with a reason. Each changed value keeps
 * its previous value (and note) in `indicator_corrections`, shown beside the current one; the
 * period stays sent (its date and lateness do not change), its revision moves, and the public
 * series and open data show the corrected value (the report's update moves the progress stamp).
 */
export async function correctIndicatorPeriod(
  db: Database,
  input: CorrectPeriodInput,
  acting: Acting,
): Promise<void> {
  const { user, actor, now } = acting;
  const { adoption, period, items } = await periodToChange(
    db,
    input,
    acting,
    canSubmitIndicatorReport,
    "Un periodo enviado lo corrige el enlace designado del municipio.",
  );
  const problems: IndicatorProblem[] = [];
  const reasonProblem = correctionReasonProblem(input.reason);
  if (reasonProblem) {
    problems.push({ field: "reason", message: reasonProblem });
  }
  // A correction's notes are measured trimmed, as they are stored.
  const trimmed = input.values.map((entry) => ({ ...entry, note: entry.note?.trim() ?? null }));
  problems.push(...valueProblems(items, trimmed));
  if (problems.length > 0) {
    refuse(problems);
  }
  const reason = input.reason.trim();
  await db.transaction(async (tx) => {
    const current = await lockReport(tx, adoption.id, period.key);
    if (current?.status !== "submitted") {
      throw conflict("Solo se corrige un periodo ya enviado: este aún se edita como borrador.");
    }
    if (current.revision !== input.expectedRevision) {
      throw conflict("Alguien cambió este periodo mientras lo corregía: recargue la página.");
    }
    const before = await storedValues(tx, current);
    const stored = new Map(before.map((entry) => [entry.code, entry]));
    const changed = input.values
      .map((entry) => ({ ...entry, note: entry.note?.trim() || null }))
      .filter((entry) => {
        const previous = stored.get(entry.code);
        return !previous || previous.value !== entry.value || previous.note !== entry.note;
      });
    if (changed.length === 0) {
      throw conflict("Los valores son los mismos que se enviaron: no hay nada que corregir.");
    }
    for (const entry of changed) {
      const previous = stored.get(entry.code);
      if (!previous) {
        throw conflict(
          `El periodo se envió sin valor de ${entry.code}: no hay valor que corregir.`,
        );
      }
      await tx.insert(indicatorCorrections).values({
        reportId: current.id,
        municipalityCvegeo: adoption.municipalityCvegeo,
        periodKey: period.key,
        indicatorCode: entry.code,
        previousValue: previous.value,
        previousNote: previous.note,
        value: entry.value,
        reason,
        correctedAt: now,
        correctedBy: user.id,
      });
      await tx
        .update(indicatorValues)
        .set({ value: entry.value, note: entry.note })
        .where(
          and(
            eq(indicatorValues.reportId, current.id),
            eq(indicatorValues.indicatorCode, entry.code),
          ),
        );
    }
    await tx
      .update(indicatorReports)
      .set({ revision: current.revision + 1, updatedAt: now, updatedBy: user.id })
      .where(eq(indicatorReports.id, current.id));
    await recordAudit(tx, actor, {
      action: "indicator_report.corrected",
      entityType: "indicator_report",
      entityId: current.id,
      municipality: adoption.municipalityCvegeo,
      before: {
        values: valueMap(changed.map((entry) => stored.get(entry.code) ?? entry)),
      },
      after: { period: period.key, values: valueMap(changed), reason },
    });
  });
}
