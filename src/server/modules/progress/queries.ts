import { type AnyColumn, and, asc, desc, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import type { ProgressExtras } from "../../../domain/dashboard.js";
import { daysBetween, type LocalDate } from "../../../domain/dates.js";
import type { InstanceFacts } from "../../../domain/progress.js";
import type { ScoreModel } from "../../../domain/scores.js";
import type { Database, Executor } from "../../db/client.js";
import {
  agreements,
  modelDimensions,
  modelTools,
  modelVersions,
  municipalities,
  observations,
  progressStamps,
  toolExemptions,
  toolInstances,
} from "../../db/schema/index.js";
import {
  activeInstance,
  latestSubmission as latestSubmissionOf,
} from "../../lib/instance-joins.js";
import { latestReview as latestReviewOf } from "../../lib/latest-review.js";
import { preparedOn } from "../../lib/prepared.js";

/** A municipality that takes part: its agreement is in force (not suspended, not terminated). */
export interface Participant {
  cvegeo: string;
  name: string;
  cohort: string;
  signedOn: LocalDate;
  modelVersionId: string;
  /** The tools staff exempted for it (in force), which leave its index. */
  exemptTools: string[];
}

/**
 * Every participant, or those of some municipalities (those without an agreement, or that do not
 * take part now, are left out: `takesPart`, src/domain/agreement-terms.ts, stored with each change).
 */
export async function loadParticipants(
  db: Executor,
  cvegeo?: MunicipalityFilter,
): Promise<Participant[]> {
  return db
    .select({
      cvegeo: agreements.municipalityCvegeo,
      name: municipalities.name,
      cohort: agreements.cohort,
      signedOn: agreements.signedOn,
      modelVersionId: agreements.modelVersionId,
      exempt: sql<
        string | null
      >`(select string_agg(${toolExemptions.toolCode}, ',' order by ${toolExemptions.toolCode}) from ${toolExemptions} where ${toolExemptions.municipalityCvegeo} = ${agreements.municipalityCvegeo} and ${toolExemptions.liftedAt} is null)`,
    })
    .from(agreements)
    .innerJoin(municipalities, eq(municipalities.cvegeo, agreements.municipalityCvegeo))
    .where(
      and(
        eq(agreements.participation, "active"),
        whereMunicipality(agreements.municipalityCvegeo, cvegeo),
      ),
    )
    .orderBy(asc(municipalities.nameFolded))
    .then((rows) =>
      rows.map(({ exempt, ...row }) => ({ ...row, exemptTools: exempt ? exempt.split(",") : [] })),
    );
}

/** A model version's dimensions and tools, in model order, with names and weights. */
export interface ModelOutline extends ScoreModel {
  dimensions: {
    code: string;
    name: string;
    weight: number;
    /** `annual`: the tool repeats in yearly cycles (its period is "annual"). */
    tools: { code: string; name: string; weight: number; annual: boolean }[];
  }[];
}

export async function loadModelOutlines(
  db: Executor,
  versionIds: readonly string[],
): Promise<Map<string, ModelOutline>> {
  const outlines = new Map<string, ModelOutline>();
  if (versionIds.length === 0) {
    return outlines;
  }
  const rows = await db
    .select({
      versionId: modelDimensions.modelVersionId,
      dimensionCode: modelDimensions.code,
      dimensionName: modelDimensions.name,
      dimensionWeight: modelDimensions.weight,
      toolCode: modelTools.code,
      toolName: modelTools.name,
      toolWeight: modelTools.weight,
      toolPeriod: modelTools.periodKind,
    })
    .from(modelDimensions)
    .innerJoin(modelTools, eq(modelTools.dimensionId, modelDimensions.id))
    .where(inArray(modelDimensions.modelVersionId, [...new Set(versionIds)]))
    .orderBy(asc(modelDimensions.position), asc(modelTools.position));
  for (const row of rows) {
    const outline = outlines.get(row.versionId) ?? { dimensions: [] };
    outlines.set(row.versionId, outline);
    let dimension = outline.dimensions.find((d) => d.code === row.dimensionCode);
    if (!dimension) {
      dimension = {
        code: row.dimensionCode,
        name: row.dimensionName,
        weight: row.dimensionWeight,
        tools: [],
      };
      outline.dimensions.push(dimension);
    }
    dimension.tools.push({
      code: row.toolCode,
      name: row.toolName,
      weight: row.toolWeight,
      annual: row.toolPeriod === "annual",
    });
  }
  return outlines;
}

/** One municipality, some (a list), or every municipality (undefined). */
export type MunicipalityFilter = string | readonly string[] | undefined;

function whereMunicipality(column: AnyColumn, filter: MunicipalityFilter): SQL | undefined {
  if (filter === undefined) {
    return undefined;
  }
  return typeof filter === "string" ? eq(column, filter) : inArray(column, [...filter]);
}

/**
 * Every instance's progress facts, grouped by municipality. The first submission's local date is
 * computed by the database (one time-zone conversion per row in SQL beats Intl in a JS loop).
 */
export async function loadInstanceFacts(
  db: Executor,
  cvegeo?: MunicipalityFilter,
): Promise<Map<string, InstanceFacts[]>> {
  const rows = await db
    .select({
      cvegeo: toolInstances.municipalityCvegeo,
      toolCode: toolInstances.toolCode,
      partCode: toolInstances.partCode,
      cycle: toolInstances.cycle,
      opensOn: toolInstances.opensOn,
      deadline: toolInstances.deadline,
      state: toolInstances.state,
      firstSubmittedOn: sql<
        string | null
      >`to_char(${toolInstances.firstSubmittedAt} at time zone 'America/Mexico_City', 'YYYY-MM-DD')`,
      maturity: toolInstances.maturity,
    })
    .from(toolInstances)
    .where(and(activeInstance, whereMunicipality(toolInstances.municipalityCvegeo, cvegeo)));
  const byMunicipality = new Map<string, InstanceFacts[]>();
  for (const { cvegeo: key, ...facts } of rows) {
    const list = byMunicipality.get(key) ?? [];
    list.push(facts);
    byMunicipality.set(key, list);
  }
  return byMunicipality;
}

/**
 * Per municipality: the observations of the review that returned each instance now "con
 * observaciones" (what the municipality has to address), and how many whole days each instance now
 * in review has waited since its latest submission (as the reviewers' queue counts them).
 */
export async function loadProgressExtras(
  db: Executor,
  today: LocalDate,
  cvegeo?: MunicipalityFilter,
): Promise<Map<string, ProgressExtras>> {
  // One query after the other: inside a transaction they share one connection. Each reads one
  // index entry per instance (its latest review, its latest submission) rather than its whole
  // history, so the cost does not grow with the rounds an instance has been through.
  const latestReview = latestReviewOf(db);
  const open = await db
    .select({ cvegeo: toolInstances.municipalityCvegeo, count: sql<number>`count(*)::int` })
    .from(toolInstances)
    .innerJoinLateral(latestReview, sql`true`)
    .innerJoin(observations, eq(observations.reviewId, latestReview.id))
    .where(
      and(
        eq(toolInstances.state, "changes_requested"),
        activeInstance,
        whereMunicipality(toolInstances.municipalityCvegeo, cvegeo),
      ),
    )
    .groupBy(toolInstances.municipalityCvegeo);
  const latestSubmission = latestSubmissionOf(db);
  const waiting = await db
    .select({
      cvegeo: toolInstances.municipalityCvegeo,
      submittedOn: sql<string>`to_char(${latestSubmission.submittedAt} at time zone 'America/Mexico_City', 'YYYY-MM-DD')`,
    })
    .from(toolInstances)
    .innerJoinLateral(latestSubmission, sql`true`)
    .where(
      and(
        eq(toolInstances.state, "submitted"),
        activeInstance,
        whereMunicipality(toolInstances.municipalityCvegeo, cvegeo),
      ),
    );
  const extras = new Map<string, ProgressExtras>();
  const of = (key: string) => {
    let found = extras.get(key);
    if (!found) {
      found = { openObservations: 0, reviewWaits: [] };
      extras.set(key, found);
    }
    return found;
  };
  for (const row of open) {
    of(row.cvegeo).openObservations = Number(row.count);
  }
  for (const row of waiting) {
    of(row.cvegeo).reviewWaits.push(Math.max(0, daysBetween(row.submittedOn, today)));
  }
  return extras;
}

/** The model in force: the id of the published version with the highest number. */
export async function findModelInForceId(db: Executor): Promise<string | null> {
  const [row] = await db
    .select({ id: modelVersions.id })
    .from(modelVersions)
    .where(isNotNull(modelVersions.version))
    .orderBy(desc(modelVersions.version))
    .limit(1);
  return row?.id ?? null;
}

/** The progress change stamps (see `progressStamps`): every scope, or only `any`. */
export async function loadStamps(db: Executor): Promise<Map<string, number>> {
  const rows = await db.select().from(progressStamps);
  return new Map(rows.map((row) => [row.scope, Number(row.stamp)]));
}

/**
 * The stamps drawn after `after` and the `any` stamp, with how many stamps there are in all.
 *
 * Every writer upserts the `any` row first and keeps its lock until it commits (migration
 * `progress_stamp_triggers`), and draws its other stamps (municipalities, `all`) while holding it:
 * those of a transaction committed later are greater than every one committed before. So the
 * stamps that moved since a read whose greatest stamp (`any` aside) was `after` are those above
 * it; only `any`, drawn before the lock, may be below (and is read whatever it is).
 */
export async function loadStampsAfter(
  db: Executor,
  after: number,
): Promise<{ moved: Map<string, number>; count: number }> {
  const result = await db.execute(sql`
    select ${progressStamps.scope} as scope, ${progressStamps.stamp} as stamp
    from ${progressStamps}
    where ${progressStamps.stamp} > ${after} or ${progressStamps.scope} = 'any'
    union all
    select null, count(*) from ${progressStamps}`);
  const moved = new Map<string, number>();
  let count = 0;
  for (const row of (result as unknown as { rows: { scope: string | null; stamp: unknown }[] })
    .rows) {
    if (row.scope === null) {
      count = Number(row.stamp);
    } else {
      moved.set(row.scope, Number(row.stamp));
    }
  }
  return { moved, count };
}

/**
 * Reads the `any` stamp: what every cached read does first, so it is a named prepared statement
 * (planned once per connection rather than on every request).
 */
const anyStampQuery = preparedOn((db) =>
  db
    .select({ stamp: progressStamps.stamp })
    .from(progressStamps)
    .where(eq(progressStamps.scope, sql.placeholder("scope")))
    .prepare("mrtm_progress_any_stamp"),
);

/** The stamp that changes on every committed change progress depends on; null before any. */
export async function loadAnyStamp(db: Database): Promise<number | null> {
  const [row] = await anyStampQuery(db).execute({ scope: "any" });
  return row ? Number(row.stamp) : null;
}
