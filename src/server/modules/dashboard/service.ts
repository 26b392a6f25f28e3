/**
 * The dashboards. The regional one is serialized (and gzipped) once per change of the region's
 * progress and served as bytes; a municipality's reads the cached progress and adds its own lists.
 */
import { count, eq } from "drizzle-orm";
import {
  type DashboardModel,
  type MunicipalDashboard,
  type OpenObservation,
  type RankingRow,
  type RegionalDashboard,
  rankingColumns,
  type TrendPoint,
  type UpcomingSupportAction,
} from "../../../contracts/dashboard.js";
import type { ToolInstance } from "../../../contracts/participation.js";
import type { TrendPoint as DomainTrendPoint } from "../../../domain/dashboard.js";
import { daysBetween, type LocalDate } from "../../../domain/dates.js";
import { asPercent } from "../../../domain/scores.js";
import type { Database } from "../../db/client.js";
import { modelVersions, municipalities } from "../../db/schema/index.js";
import { type PreparedJson, prepareJson } from "../../lib/prepared-json.js";
import { keepValue, type Ready, valueNow } from "../../lib/ready.js";
import { getMunicipality } from "../municipalities/queries.js";
import {
  type MunicipalityVersion,
  municipalityCache,
  municipalityVersion,
  municipalValueNow,
} from "../progress/municipality-cache.js";
import type { ModelOutline } from "../progress/queries.js";
import {
  derived,
  derivedReady,
  progressService,
  type RegionalProgress,
} from "../progress/service.js";
import { livePoint, loadSnapshotTrend } from "../progress/snapshots.js";
import { listInstances } from "../tool-instances/queries.js";
import { listOpenObservations, listUpcomingSupportActions } from "./queries.js";

const pct = (value: number) => asPercent(value);
const pctOrNull = (value: number | null) => (value === null ? null : asPercent(value));

/** The regional dashboard of the current progress, serialized once per change. */
export function regionalDashboard(db: Database, now: Date): Ready<PreparedJson> {
  return derivedReady(db, now, "dashboard.regional", (progress) => prepareRegional(db, progress));
}

/** The ranking (every participant's row) of the current progress, serialized once per change. */
export function regionalRanking(db: Database, now: Date): Ready<PreparedJson> {
  return derivedReady(db, now, "dashboard.ranking", (progress) =>
    prepareJson(
      rankingColumns(
        progress.asOf,
        progress.model.dimensions.map((d) => d.code),
        presentRanking(progress),
      ),
    ),
  );
}

async function prepareRegional(db: Database, progress: RegionalProgress): Promise<PreparedJson> {
  const [history, { catalog, version }] = await Promise.all([
    snapshotTrend(db, progress.asOf),
    catalogueAndModel(db, progress),
  ]);
  return prepareJson(presentRegional(progress, history, catalog, version));
}

/**
 * How many municipalities the catalogue has and the number of the model in force: a change in
 * either moves the `all` stamp, so they are read once for as long as only municipalities change.
 */
function catalogueAndModel(
  db: Database,
  progress: RegionalProgress,
): Promise<{ catalog: number; version: number | null }> {
  return derived(
    progress,
    "dashboard.catalogue-and-model",
    async () => {
      const [[catalog], [version]] = await Promise.all([
        db.select({ n: count() }).from(municipalities),
        progress.model.versionId
          ? db
              .select({ version: modelVersions.version })
              .from(modelVersions)
              .where(eq(modelVersions.id, progress.model.versionId))
          : Promise.resolve([]),
      ]);
      return { catalog: Number(catalog?.n ?? 0), version: version?.version ?? null };
    },
    "stable",
  );
}

/** The regional dashboard as the API presents it: percentages with one decimal. */
export function presentRegional(
  progress: RegionalProgress,
  history: readonly DomainTrendPoint[],
  municipalitiesInCatalog: number,
  modelVersion: number | null,
): RegionalDashboard {
  const { summary, model } = progress;
  const toolNames = new Map(
    model.dimensions.flatMap((d) => d.tools.map((tool) => [tool.code, tool.name] as const)),
  );
  const dimensionNames = new Map(model.dimensions.map((d) => [d.code, d.name] as const));
  const live = livePoint(progress);
  return {
    asOf: progress.asOf,
    model: presentModel(model, modelVersion),
    municipalitiesInCatalog,
    participants: summary.participants,
    index: { mean: pctOrNull(summary.index.mean), median: pctOrNull(summary.index.median) },
    onTime: { ...summary.onTime, rate: pctOrNull(summary.onTime.rate) },
    histogram: summary.histogram,
    dimensions: summary.dimensions.map((d) => ({
      code: d.code,
      name: dimensionNames.get(d.code) ?? d.code,
      mean: pctOrNull(d.mean),
      median: pctOrNull(d.median),
    })),
    tools: summary.tools.map((tool) => ({
      code: tool.code,
      name: toolNames.get(tool.code) ?? tool.code,
      dimension: tool.dimensionCode,
      municipalities: tool.municipalities,
      mean: pctOrNull(tool.mean),
      states: tool.states,
      overdue: tool.overdue,
    })),
    lagging: summary.lagging,
    cohorts: summary.cohorts.map((cohort) => ({
      ...cohort,
      meanIndex: pct(cohort.meanIndex),
      medianIndex: pct(cohort.medianIndex),
    })),
    overdue: summary.overdue,
    reviewBacklog: summary.reviewBacklog,
    openObservations: summary.openObservations,
    trend: [
      ...history.map((point) => presentPoint(point, false)),
      ...(live ? [presentPoint(live, true)] : []),
    ],
  };
}

/** Every participant's row of the ranking, best index first (ties by name). */
export function presentRanking(progress: RegionalProgress): RankingRow[] {
  return progress.municipalities
    .map((row) => ({
      cvegeo: row.cvegeo,
      name: row.name,
      cohort: row.cohort,
      rank: progress.ranks.get(row.cvegeo) ?? 0,
      index: pct(row.scores.index),
      dimensions: Object.fromEntries(row.scores.dimensions.map((d) => [d.code, pct(d.score)])),
      onTimeRate: pctOrNull(row.scores.onTime.rate),
      overdueTools: row.overdueTools,
      inReview: row.reviewWaits.length,
      openObservations: row.openObservations,
    }))
    .sort((a, b) => a.rank - b.rank || BY_NAME.compare(a.name, b.name));
}

/** `localeCompare(…, "es")` with one collator, made once rather than on every comparison. */
const BY_NAME = new Intl.Collator("es");

function presentPoint(point: DomainTrendPoint, live: boolean): TrendPoint {
  return {
    takenOn: point.takenOn,
    municipalities: point.municipalities,
    index: pct(point.index),
    dimensions: Object.fromEntries(
      Object.entries(point.dimensions).map(([code, score]) => [code, pct(score)]),
    ),
    live,
  };
}

function presentModel(model: ModelOutline, version: number | null): DashboardModel {
  return {
    version,
    dimensions: model.dimensions.map((d) => ({
      code: d.code,
      name: d.name,
      tools: d.tools.map((tool) => ({ code: tool.code, name: tool.name })),
    })),
  };
}

/**
 * The snapshots before today only change when a day passes, so their means are computed once a
 * day per process; today's point comes from the live figures.
 */
const trendCache = new WeakMap<
  Database,
  { today: LocalDate; promise: Promise<DomainTrendPoint[]> }
>();

function snapshotTrend(db: Database, today: LocalDate): Promise<DomainTrendPoint[]> {
  const cached = trendCache.get(db);
  if (cached?.today === today) {
    return cached.promise;
  }
  const promise = loadSnapshotTrend(db, today);
  trendCache.set(db, { today, promise });
  promise.catch(() => {
    if (trendCache.get(db)?.promise === promise) {
      trendCache.delete(db);
    }
  });
  return promise;
}

/** A municipality's own rows behind its dashboard, read once per change of that municipality. */
interface MunicipalRows {
  municipality: { cvegeo: string; name: string };
  participating: boolean;
  instances: ToolInstance[];
  openObservations: OpenObservation[];
  supportActions: UpcomingSupportAction[];
}

async function municipalRows(
  db: Database,
  cvegeo: string,
  version: MunicipalityVersion,
  now: Date,
): Promise<MunicipalRows> {
  return municipalityCache<MunicipalRows>(db, MUNICIPAL_ROWS).get(
    cvegeo,
    version.key,
    now,
    async () => {
      const municipality = await getMunicipality(db, cvegeo);
      const participating = version.progress.byCvegeo.has(cvegeo);
      const [instances, openObservations, supportActions] = await Promise.all([
        participating ? listInstances(db, cvegeo, now) : Promise.resolve([]),
        participating ? listOpenObservations(db, cvegeo) : Promise.resolve([]),
        listUpcomingSupportActions(db, cvegeo, now),
      ]);
      // An action leaves the list when it ends: the rows are read again then.
      const ends = supportActions.map(
        (action) => Date.parse(action.startsAt) + action.durationMinutes * 60_000,
      );
      return {
        value: {
          municipality: { cvegeo: municipality.cvegeo, name: municipality.name },
          participating,
          instances,
          openObservations,
          supportActions,
        },
        expiresAt: ends.length > 0 ? Math.min(...ends) : undefined,
      };
    },
  );
}

/**
 * A municipality's dashboard as bytes (decision 0027): its own rows are read once per change of
 * that municipality (`municipalityCache`), and the response, which also shows the region's
 * figures (rank, medians), is serialized and gzipped once per progress and rows.
 */
export function municipalDashboardJson(
  db: Database,
  cvegeo: string,
  now: Date,
): Ready<PreparedJson> {
  const rows = municipalValueNow<MunicipalRows>(db, MUNICIPAL_ROWS, cvegeo, now);
  const progress = rows && progressService(db).settled(now)?.progress;
  const derived = progress?.derived.get(municipalName(cvegeo)) as MunicipalDerived | undefined;
  return (
    (derived?.rows === rows ? valueNow<PreparedJson>(derived?.prepared) : undefined) ??
    loadMunicipalDashboard(db, cvegeo, now)
  );
}

/** A municipality's dashboard kept with the progress, with the rows it was built from. */
interface MunicipalDerived {
  rows: MunicipalRows;
  prepared: Promise<PreparedJson>;
}

const MUNICIPAL_ROWS = "dashboard.municipal-rows";

const municipalName = (cvegeo: string) => `dashboard.municipal.${cvegeo}`;

async function loadMunicipalDashboard(
  db: Database,
  cvegeo: string,
  now: Date,
): Promise<PreparedJson> {
  const version = await municipalityVersion(db, cvegeo, now);
  const rows = await municipalRows(db, cvegeo, version, now);
  const name = municipalName(cvegeo);
  const derived = version.progress.derived.get(name) as MunicipalDerived | undefined;
  if (derived?.rows === rows) {
    return derived.prepared;
  }
  const prepared = keepValue(prepareJson(presentMunicipal(version.progress, rows)));
  const entry = { rows, prepared };
  version.progress.derived.set(name, entry);
  prepared.catch(() => {
    if (version.progress.derived.get(name) === entry) {
      version.progress.derived.delete(name);
    }
  });
  return prepared;
}

/**
 * A municipality's dashboard: its scores against the regional medians, every deadline (past and
 * upcoming), the observations it has to address and the support actions it is invited to.
 */
function presentMunicipal(progress: RegionalProgress, rows: MunicipalRows): MunicipalDashboard {
  const { municipality, instances, openObservations, supportActions } = rows;
  const cvegeo = municipality.cvegeo;
  const row = rows.participating ? progress.byCvegeo.get(cvegeo) : undefined;
  const participant = progress.participants.get(cvegeo);
  const outline =
    (participant && progress.outlines.get(participant.modelVersionId)) ?? progress.model;
  const regional = new Map(progress.summary.dimensions.map((d) => [d.code, d.median]));
  const scores = new Map(row?.scores.tools.map((tool) => [tool.code, tool.score]) ?? []);
  return {
    asOf: progress.asOf,
    municipality: { cvegeo: municipality.cvegeo, name: municipality.name },
    participating: row !== undefined,
    cohort: participant?.cohort ?? null,
    signedOn: participant?.signedOn ?? null,
    participants: progress.municipalities.length,
    rank: progress.ranks.get(cvegeo) ?? null,
    index: row ? pct(row.scores.index) : null,
    regionalMedianIndex: pctOrNull(progress.summary.index.median),
    onTime: row
      ? { ...row.scores.onTime, rate: pctOrNull(row.scores.onTime.rate) }
      : { due: 0, onTime: 0, rate: null },
    dimensions: row
      ? outline.dimensions.map((d) => ({
          code: d.code,
          name: d.name,
          score: pct(row.scores.dimensions.find((s) => s.code === d.code)?.score ?? 0),
          regionalMedian: pctOrNull(regional.get(d.code) ?? null),
        }))
      : [],
    tools: row
      ? outline.dimensions.flatMap((d) =>
          d.tools.flatMap((tool) => {
            const status = row.tools.find((t) => t.toolCode === tool.code);
            return status
              ? [
                  {
                    code: tool.code,
                    name: tool.name,
                    dimension: d.code,
                    score: pct(scores.get(tool.code) ?? 0),
                    state: status.state,
                    overdue: status.overdue,
                    deadline: status.deadline,
                    cycle: status.cycle,
                    missedCycles: status.missedCycles,
                    workingCycle: status.workingCycle,
                  },
                ]
              : [];
          }),
        )
      : [],
    deadlines: instances
      .filter((instance) => instance.deadline !== null && instance.opensOn <= progress.asOf)
      .map((instance) => ({
        instanceId: instance.id,
        tool: instance.tool,
        toolName: instance.toolName,
        part: instance.part,
        partName: instance.partName,
        cycle: instance.cycle,
        deadline: instance.deadline as string,
        state: instance.state,
        overdue: instance.overdue,
        daysLeft: daysBetween(progress.asOf, instance.deadline as string),
      }))
      .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.tool.localeCompare(b.tool)),
    openObservations,
    supportActions,
  };
}
