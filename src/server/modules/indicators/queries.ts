/** Reads of the M2 indicator battery: an instance's adoption, periods and series, the comparison. */
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  lte,
  max,
  type SQL,
  sql,
} from "drizzle-orm";
import type {
  IndicatorAdoption,
  IndicatorComparison,
  IndicatorSeries,
  InstanceIndicators,
  PeriodReport,
  PeriodSummary,
} from "../../../contracts/indicators.js";
import { localDateOf } from "../../../domain/dates.js";
import {
  type AdoptedIndicator,
  INDICATORS_TOOL_CODE,
  type IndicatorPeriod,
  indicatorBattery,
  parsePeriodKey,
  periodicitiesOf,
  periodStanding,
  quartileStanding,
  type RegionalComparison,
  regionalComparison,
  reportablePeriods,
  showsRegion,
  trafficLight,
} from "../../../domain/indicators.js";
import { isStaff } from "../../../domain/policy.js";
import { surveyResults } from "../../../domain/survey.js";
import {
  type RegisteredTraining,
  registerFigure,
  registerMeasureOf,
} from "../../../domain/training-indicators.js";
import type { Executor } from "../../db/client.js";
import {
  indicatorAdoptions,
  indicatorCorrections,
  indicatorReports,
  indicatorValues,
  modelVersions,
  municipalities,
  surveyResponses,
  surveys,
  users,
} from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import type { AuthUser } from "../../plugins/auth.js";
import { municipalityTrainings } from "../document-drafts/trainings.js";
import { getSurveyInstance } from "../surveys/queries.js";

export type AdoptionRow = typeof indicatorAdoptions.$inferSelect;
export type ReportRow = typeof indicatorReports.$inferSelect;

/** An M2 instance the user may see (404 otherwise, and for another tool's instance). */
export async function getIndicatorsInstance(db: Executor, id: string, user: AuthUser) {
  const found = await getSurveyInstance(db, id, user);
  if (found.instance.toolCode !== INDICATORS_TOOL_CODE) {
    throw notFound("Esta herramienta no tiene batería de indicadores.");
  }
  return found;
}

export async function findAdoption(db: Executor, cvegeo: string): Promise<AdoptionRow | null> {
  const [row] = await db
    .select()
    .from(indicatorAdoptions)
    .where(eq(indicatorAdoptions.municipalityCvegeo, cvegeo));
  return row ?? null;
}

/** The adopted indicators, left-out ones aside. */
export const adoptedItems = (adoption: Pick<AdoptionRow, "items">): AdoptedIndicator[] =>
  adoption.items.filter((item) => !item.excluded);

/** The ended periods an adoption reports, newest first. */
export function periodsOfAdoption(
  adoption: Pick<AdoptionRow, "items" | "startYear">,
  today: string,
): IndicatorPeriod[] {
  return periodicitiesOf(adoptedItems(adoption))
    .flatMap((periodicity) => reportablePeriods(periodicity, adoption.startYear, today))
    .sort((a, b) => b.endsOn.localeCompare(a.endsOn) || b.startsOn.localeCompare(a.startsOn));
}

/** A period of an adoption by its key, or 404. */
export function adoptedPeriod(
  adoption: Pick<AdoptionRow, "items" | "startYear">,
  key: string,
  today: string,
): IndicatorPeriod {
  const period = parsePeriodKey(key);
  if (!period || !periodsOfAdoption(adoption, today).some((p) => p.key === period.key)) {
    throw notFound("El periodo no existe o aún no concluye.");
  }
  return period;
}

/** The reports of an adoption with their values, by period key. */
export async function reportsOf(db: Executor, adoptionId: string) {
  const reports = await db
    .select()
    .from(indicatorReports)
    .where(eq(indicatorReports.adoptionId, adoptionId));
  const values =
    reports.length === 0
      ? []
      : await db
          .select()
          .from(indicatorValues)
          .where(
            inArray(
              indicatorValues.reportId,
              reports.map((r) => r.id),
            ),
          );
  return new Map(
    reports.map((report) => [
      report.periodKey,
      { report, values: values.filter((value) => value.reportId === report.id) },
    ]),
  );
}

const submitted = sql`${indicatorReports.status} = 'submitted'`;

/**
 * The regional distribution of the submitted values, per indicator and period (linear
 * interpolation between neighbours, as `quantile` in the domain: PostgreSQL's percentile_cont).
 */
export async function regionalDistribution(
  db: Executor,
  where: SQL | undefined,
): Promise<Map<string, RegionalComparison>> {
  const rows = await db
    .select({
      code: indicatorValues.indicatorCode,
      period: indicatorValues.periodKey,
      count: sql<number>`count(*)::int`,
      min: sql<number>`min(${indicatorValues.value})`,
      q1: sql<number>`percentile_cont(0.25) within group (order by ${indicatorValues.value})`,
      median: sql<number>`percentile_cont(0.5) within group (order by ${indicatorValues.value})`,
      q3: sql<number>`percentile_cont(0.75) within group (order by ${indicatorValues.value})`,
      max: sql<number>`max(${indicatorValues.value})`,
    })
    .from(indicatorValues)
    .innerJoin(indicatorReports, eq(indicatorReports.id, indicatorValues.reportId))
    .where(and(submitted, where))
    .groupBy(indicatorValues.indicatorCode, indicatorValues.periodKey);
  const round = (value: number) => Math.round(Number(value) * 100) / 100;
  return new Map(
    rows.map((row) => [
      `${row.code}|${row.period}`,
      {
        count: Number(row.count),
        min: round(row.min),
        q1: round(row.q1),
        median: round(row.median),
        q3: round(row.q3),
        max: round(row.max),
      },
    ]),
  );
}

/** The regional distribution of these indicators over these periods. */
function regionalDistributionOf(
  db: Executor,
  items: readonly { code: string }[],
  periods: readonly { key: string }[],
): Promise<Map<string, RegionalComparison>> {
  return regionalDistribution(
    db,
    and(
      inArray(
        indicatorValues.indicatorCode,
        items.map((item) => item.code),
      ),
      inArray(
        indicatorValues.periodKey,
        periods.map((p) => p.key),
      ),
    ),
  );
}

/** The series of the adopted indicators over the submitted periods, oldest first. */
function seriesOf(
  items: readonly AdoptedIndicator[],
  periods: readonly IndicatorPeriod[],
  reports: Awaited<ReturnType<typeof reportsOf>>,
  region: Map<string, RegionalComparison>,
  viewer: { staff: boolean },
): IndicatorSeries[] {
  const ordered = [...periods].sort((a, b) => a.endsOn.localeCompare(b.endsOn));
  return items.map((item) => ({
    code: item.code,
    name: item.name,
    unit: item.unit,
    direction: item.direction,
    isPublic: item.isPublic,
    points: ordered
      .filter((period) => period.periodicity === item.periodicity)
      .flatMap((period) => {
        const found = reports.get(period.key);
        if (found?.report.status !== "submitted") {
          return [];
        }
        const value = found.values.find((v) => v.indicatorCode === item.code)?.value ?? null;
        const distribution = region.get(`${item.code}|${period.key}`) ?? null;
        return [
          {
            period: period.key,
            label: period.label,
            value,
            target: item.target,
            light: trafficLight(item.direction, item.target, value),
            region:
              distribution && showsRegion(viewer, item.isPublic, distribution.count)
                ? distribution
                : null,
          },
        ];
      }),
  }));
}

function presentAdoption(adoption: AdoptionRow, adoptedBy: string): IndicatorAdoption {
  return {
    id: adoption.id,
    startYear: adoption.startYear,
    revision: adoption.revision,
    adoptedAt: adoption.adoptedAt.toISOString(),
    adoptedBy,
    items: adoption.items,
  };
}

function summarise(
  period: IndicatorPeriod,
  items: readonly AdoptedIndicator[],
  found: { report: ReportRow; values: { indicatorCode: string }[] } | undefined,
  today: string,
): PeriodSummary {
  const codes = new Set(
    items.filter((item) => item.periodicity === period.periodicity).map((i) => i.code),
  );
  const submittedAt = found?.report.submittedAt ?? null;
  return {
    ...period,
    standing: periodStanding(period, submittedAt ? localDateOf(submittedAt) : null, today),
    status: found?.report.status ?? null,
    submittedAt: submittedAt?.toISOString() ?? null,
    indicators: codes.size,
    filled: found?.values.filter((v) => codes.has(v.indicatorCode)).length ?? 0,
  };
}

/** What the M2 page shows: the battery, the adoption, the periods with their standing, the series. */
export async function getInstanceIndicators(
  db: Executor,
  id: string,
  user: AuthUser,
  now: Date,
): Promise<InstanceIndicators> {
  const { instance, municipalityName, modelVersion } = await getIndicatorsInstance(db, id, user);
  const base = {
    instance: {
      id: instance.id,
      toolCode: instance.toolCode,
      cycle: instance.cycle,
      state: instance.state,
      municipality: { cvegeo: instance.municipalityCvegeo, name: municipalityName },
    },
    battery: [...indicatorBattery(modelVersion)],
  };
  const [row] = await db
    .select({ adoption: indicatorAdoptions, adoptedBy: users.name })
    .from(indicatorAdoptions)
    .innerJoin(users, eq(users.id, indicatorAdoptions.adoptedBy))
    .where(eq(indicatorAdoptions.toolInstanceId, instance.id));
  if (!row) {
    return { ...base, adoption: null, periods: [], series: [] };
  }
  const { adoption } = row;
  const today = localDateOf(now);
  const items = adoptedItems(adoption);
  const periods = periodsOfAdoption(adoption, today);
  const reports = await reportsOf(db, adoption.id);
  const region =
    periods.length === 0 ? new Map() : await regionalDistributionOf(db, items, periods);
  return {
    ...base,
    adoption: presentAdoption(adoption, row.adoptedBy),
    periods: periods.map((period) => summarise(period, items, reports.get(period.key), today)),
    series: seriesOf(items, periods, reports, region, { staff: isStaff(user) }),
  };
}

/**
 * The satisfaction index of the municipality's M1 survey closed within a period (the latest one),
 * for the indicators linked to the survey; null when none closed in it.
 */
export async function linkedSurveyIndex(
  db: Executor,
  cvegeo: string,
  period: Pick<IndicatorPeriod, "startsOn" | "endsOn">,
): Promise<number | null> {
  const [survey] = await db
    .select({ id: surveys.id, questions: surveys.questions })
    .from(surveys)
    .where(
      and(
        eq(surveys.municipalityCvegeo, cvegeo),
        isNotNull(surveys.closedAt),
        gte(sql`(${surveys.closedAt} at time zone 'America/Mexico_City')::date`, period.startsOn),
        lte(sql`(${surveys.closedAt} at time zone 'America/Mexico_City')::date`, period.endsOn),
      ),
    )
    .orderBy(desc(surveys.closedAt))
    .limit(1);
  if (!survey) {
    return null;
  }
  const answers = await db
    .select({ answers: surveyResponses.answers })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, survey.id));
  const index = surveyResults(
    survey.questions,
    answers.map((row) => row.answers),
  ).index;
  return index ? Math.round(index.value * 100) / 100 : null;
}

/**
 * The sessions of the municipality's R2/R3 registers when some of the indicators takes a figure
 * from them (`registerMeasureOf`); none otherwise, without reading them.
 */
export async function trainingsFeeding(
  db: Executor,
  cvegeo: string,
  items: readonly Pick<AdoptedIndicator, "code">[],
): Promise<RegisteredTraining[]> {
  return items.some((item) => registerMeasureOf(item.code) !== null)
    ? municipalityTrainings(db, cvegeo)
    : [];
}

/** One period's form: each adopted indicator of its periodicity with its target and value. */
export async function getPeriodReport(
  db: Executor,
  id: string,
  key: string,
  user: AuthUser,
  now: Date,
): Promise<PeriodReport> {
  const { instance } = await getIndicatorsInstance(db, id, user);
  const adoption = await findAdoption(db, instance.municipalityCvegeo);
  if (!adoption || adoption.toolInstanceId !== instance.id) {
    throw notFound("El municipio aún no adopta la batería de indicadores.");
  }
  const today = localDateOf(now);
  const period = adoptedPeriod(adoption, key, today);
  const items = adoptedItems(adoption).filter((item) => item.periodicity === period.periodicity);
  const found = (await reportsOf(db, adoption.id)).get(period.key);
  const corrections = found
    ? await db
        .select({
          code: indicatorCorrections.indicatorCode,
          previousValue: indicatorCorrections.previousValue,
          value: indicatorCorrections.value,
          reason: indicatorCorrections.reason,
          correctedAt: indicatorCorrections.correctedAt,
          correctedBy: users.name,
        })
        .from(indicatorCorrections)
        .innerJoin(users, eq(users.id, indicatorCorrections.correctedBy))
        .where(eq(indicatorCorrections.reportId, found.report.id))
        .orderBy(asc(indicatorCorrections.correctedAt), asc(indicatorCorrections.id))
    : [];
  const linked = items.some((item) => item.source === "survey")
    ? await linkedSurveyIndex(db, instance.municipalityCvegeo, period)
    : null;
  const trainings = await trainingsFeeding(db, instance.municipalityCvegeo, items);
  return {
    instanceId: instance.id,
    period: summarise(period, items, found, today),
    revision: found?.report.revision ?? 0,
    rows: items.map((item) => {
      const stored = found?.values.find((v) => v.indicatorCode === item.code);
      const value = stored?.value ?? null;
      return {
        code: item.code,
        name: item.name,
        unit: item.unit,
        valueType: item.valueType,
        direction: item.direction,
        formula: item.formula,
        target: item.target,
        value,
        note: stored?.note ?? null,
        light: trafficLight(item.direction, item.target, value),
        linkedValue: item.source === "survey" ? linked : null,
        registerFigure: registerFigure(item.code, trainings, period),
        corrections: corrections
          .filter((correction) => correction.code === item.code)
          .map(({ code: _code, correctedAt, ...correction }) => ({
            ...correction,
            correctedAt: correctedAt.toISOString(),
          })),
      };
    }),
  };
}

/**
 * Staff: one indicator across the region, period by period (median and quartiles), and, for one
 * period (the latest with values unless asked), each municipality's value against its target.
 */
export async function getIndicatorComparison(
  db: Executor,
  code: string,
  periodKey: string | undefined,
  modelVersion: number | null,
): Promise<IndicatorComparison> {
  const indicator = indicatorBattery(modelVersion).find((item) => item.code === code);
  if (!indicator) {
    throw notFound("El indicador no existe.");
  }
  const region = await regionalDistribution(db, eq(indicatorValues.indicatorCode, code));
  const series = [...region.entries()]
    .map(([key, distribution]) => ({ period: key.split("|")[1] ?? "", region: distribution }))
    .sort((a, b) => a.period.localeCompare(b.period))
    .map((entry) => ({ ...entry, label: parsePeriodKey(entry.period)?.label ?? entry.period }));
  const period = periodKey ?? series.at(-1)?.period ?? null;
  if (period === null) {
    return { indicator, series, period, municipalities: [] };
  }
  const rows = await db
    .select({
      cvegeo: indicatorValues.municipalityCvegeo,
      name: municipalities.name,
      value: indicatorValues.value,
      // Only this indicator's target, read in SQL: the whole battery of 2,500 adoptions is heavy.
      target: sql<
        number | null
      >`(select (item->>'target')::float8 from jsonb_array_elements(${indicatorAdoptions.items}) item where item->>'code' = ${code})`,
    })
    .from(indicatorValues)
    .innerJoin(indicatorReports, eq(indicatorReports.id, indicatorValues.reportId))
    .innerJoin(indicatorAdoptions, eq(indicatorAdoptions.id, indicatorReports.adoptionId))
    .innerJoin(municipalities, eq(municipalities.cvegeo, indicatorValues.municipalityCvegeo))
    .where(
      and(
        submitted,
        eq(indicatorValues.indicatorCode, code),
        eq(indicatorValues.periodKey, period),
      ),
    )
    .orderBy(asc(municipalities.name));
  const distribution = region.get(`${code}|${period}`) ?? regionalComparison([]);
  return {
    indicator,
    series,
    period,
    municipalities: rows.map((row) => {
      const target = row.target === null ? null : Number(row.target);
      return {
        cvegeo: row.cvegeo,
        name: row.name,
        value: row.value,
        target,
        light: trafficLight(indicator.direction, target, row.value),
        quartile: distribution
          ? quartileStanding(indicator.direction, distribution, row.value)
          : "upper",
      };
    }),
  };
}

/** The public indicators of a municipality: submitted periods, with the region where shown. */
export async function getPublicIndicatorSeries(
  db: Executor,
  cvegeo: string,
  now: Date,
): Promise<IndicatorSeries[]> {
  const adoption = await findAdoption(db, cvegeo);
  if (!adoption) {
    return [];
  }
  const items = adoptedItems(adoption).filter((item) => item.isPublic);
  const periods = periodsOfAdoption(adoption, localDateOf(now));
  if (items.length === 0 || periods.length === 0) {
    return [];
  }
  const reports = await reportsOf(db, adoption.id);
  const region = await regionalDistributionOf(db, items, periods);
  return seriesOf(items, periods, reports, region, { staff: false });
}

/** The number of the model version in force (the highest published), null before any. */
export async function modelVersionInForce(db: Executor): Promise<number | null> {
  const [row] = await db.select({ version: max(modelVersions.version) }).from(modelVersions);
  return row?.version ?? null;
}

export async function countAdoptions(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(indicatorAdoptions);
  return row?.n ?? 0;
}

/** One sent value of a public indicator, as the open data lists it. */
export interface PublishedIndicatorValue {
  cvegeo: string;
  municipality: string;
  item: AdoptedIndicator;
  period: IndicatorPeriod;
  value: number;
  corrected: boolean;
}

/**
 * Every sent value of the indicators each municipality adopted as public (the adoption's
 * snapshot says which), by municipality, indicator and period. Drafts and private indicators are
 * never read out.
 */
export async function listPublishedIndicatorValues(
  db: Executor,
): Promise<PublishedIndicatorValue[]> {
  const adoptions = await db
    .select({
      id: indicatorAdoptions.id,
      cvegeo: indicatorAdoptions.municipalityCvegeo,
      municipality: municipalities.name,
      items: indicatorAdoptions.items,
    })
    .from(indicatorAdoptions)
    .innerJoin(municipalities, eq(municipalities.cvegeo, indicatorAdoptions.municipalityCvegeo))
    .orderBy(asc(indicatorAdoptions.municipalityCvegeo));
  const rows = await db
    .select({
      adoption: indicatorReports.adoptionId,
      code: indicatorValues.indicatorCode,
      period: indicatorValues.periodKey,
      value: indicatorValues.value,
      corrected: sql<boolean>`exists (select 1 from ${indicatorCorrections} c where c.report_id = ${indicatorReports.id} and c.indicator_code = ${indicatorValues.indicatorCode})`,
    })
    .from(indicatorValues)
    .innerJoin(indicatorReports, eq(indicatorReports.id, indicatorValues.reportId))
    .where(submitted);
  const byAdoption = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byAdoption.get(row.adoption) ?? [];
    list.push(row);
    byAdoption.set(row.adoption, list);
  }
  return adoptions.flatMap((adoption) => {
    const items = new Map(
      adoptedItems(adoption)
        .filter((item) => item.isPublic)
        .map((item) => [item.code, item]),
    );
    return (byAdoption.get(adoption.id) ?? [])
      .flatMap((row) => {
        const item = items.get(row.code);
        const period = parsePeriodKey(row.period);
        return item && period
          ? [
              {
                cvegeo: adoption.cvegeo,
                municipality: adoption.municipality,
                item,
                period,
                value: row.value,
                corrected: Boolean(row.corrected),
              },
            ]
          : [];
      })
      .sort(
        (a, b) =>
          a.item.code.localeCompare(b.item.code) ||
          a.period.startsOn.localeCompare(b.period.startsOn),
      );
  });
}
