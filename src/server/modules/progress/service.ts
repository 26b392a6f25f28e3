/**
 * Where every participating municipality stands today, computed once per change and shared by
 * the dashboards, the exports, the report cards, the snapshots and the public pages.
 *
 * The cache is keyed by (today in the institution's time zone, the `any` change stamp). The
 * stamps are kept by database triggers at commit (see `progressStamps`), so a change made by any
 * process shows in the very next request of every process. A request costs one primary-key read
 * while nothing changed; after a change only the municipalities whose stamp moved are recomputed
 * (a new day, the model or the catalogue recompute everyone).
 */

import {
  type MunicipalityProgress,
  municipalityProgress,
  type RegionalSummary,
  regionalIndex,
  regionalSummary,
} from "../../../domain/dashboard.js";
import { INSTITUTION_TIME_ZONE, type LocalDate } from "../../../domain/dates.js";
import { withoutExemptTools } from "../../../domain/exemptions.js";
import type { InstanceFacts } from "../../../domain/progress.js";
import { rankByIndex } from "../../../domain/public-progress.js";
import { type ChangeFeed, changeFeedOf } from "../../db/changes.js";
import type { Database, Executor } from "../../db/client.js";
import { keepValue, mapReady, type Ready, readyOf } from "../../lib/ready.js";
import {
  findModelInForceId,
  loadAnyStamp,
  loadInstanceFacts,
  loadModelOutlines,
  loadParticipants,
  loadProgressExtras,
  loadStamps,
  loadStampsAfter,
  type ModelOutline,
  type Participant,
} from "./queries.js";

/** The region's progress as of one day and one change stamp. Treat as read-only. */
export interface RegionalProgress {
  asOf: LocalDate;
  /** The `any` stamp the figures were read at (null before the first change ever). */
  stamp: number | null;
  /** The model in force: the reference for names and order of dimensions and tools. */
  model: ModelOutline & { versionId: string | null };
  /** Every participant, by name. */
  municipalities: MunicipalityProgress[];
  /** Each participant's agreement (cohort, date, the model version its tools follow). */
  participants: Map<string, Participant>;
  /** The outline of every model version a participant follows, and of the model in force. */
  outlines: Map<string, ModelOutline>;
  byCvegeo: Map<string, MunicipalityProgress>;
  /** Each participant's place by index (competition ranking: 1, 2, 2, 4). */
  ranks: Map<string, number>;
  /** The regional figures of the dashboard, computed on first use. */
  readonly summary: RegionalSummary;
  /** The region's index (mean and median): the summary's, without computing the rest of it. */
  readonly index: RegionalSummary["index"];
  /**
   * Values derived from this progress (a serialized dashboard, an export) by their users, kept
   * as long as this progress is current. Keyed by the user's own name.
   */
  derived: Map<string, unknown>;
  /**
   * Values that do not depend on any municipality's figures (the catalogue, the model's columns)
   * and the last result of an incremental computation (a sorted matrix to update): the same map
   * is handed to the next progress while the day, the `all` stamp and the models stay the same,
   * so a change in one municipality does not compute them again. See `deriveStable`.
   */
  stable: Map<string, unknown>;
}

/** A computed progress with what it was computed from, to tell later what changed. */
export interface ProgressState {
  progress: RegionalProgress;
  /** Per-municipality stamps and the `all` stamp the progress was read at. */
  stamps: Map<string, number>;
}

/** Above this many changed municipalities one query for all is cheaper than a list of keys. */
const PARTIAL_LIMIT = 200;

const EMPTY_OUTLINE = { dimensions: [] };

/** A participant's model and instances without the tools exempted for it (they leave its index). */
function exemptFrom(
  participant: Participant,
  outlines: Map<string, ModelOutline>,
  instances: InstanceFacts[],
): [ModelOutline, InstanceFacts[]] {
  const scoped = withoutExemptTools(
    outlines.get(participant.modelVersionId) ?? EMPTY_OUTLINE,
    instances,
    new Set(participant.exemptTools),
  );
  return [scoped.model, scoped.instances];
}

/** The progress of the region, cached per database (one cache per process and database). */
export class ProgressService {
  private state: ProgressState | null = null;
  private loading: { key: string; promise: Promise<ProgressState> } | null = null;
  /** Loads run one after another so each can build on the previous one. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The change feed's `progress` counter when the stamp last matched the state (see `current`). */
  private checked: number | null = null;
  private readonly changes: ChangeFeed | null;

  constructor(private readonly db: Database) {
    this.changes = changeFeedOf(db);
  }

  /**
   * The region's progress as of `now`, recomputed only when something changed. While the change
   * feed is live and has not moved since the stamp was last read, nothing changed and the
   * database is not asked (decision 0027); otherwise one primary-key read of the `any` stamp.
   */
  async current(now: Date): Promise<RegionalProgress> {
    return (await this.snapshot(now)).progress;
  }

  /**
   * The current progress with the stamps it was read at: a cache of one municipality's own rows
   * keys them by that municipality's stamp and the `all` stamp (`municipalityVersion`), so a
   * change elsewhere leaves them be. Costs what `current` costs.
   */
  async snapshot(now: Date): Promise<ProgressState> {
    const settled = this.settled(now);
    if (settled) {
      return settled;
    }
    const today = institutionDay(now);
    const changes = this.changes;
    // Read before the stamp: a change completing during the read moves it and is seen next time.
    const seen = changes?.progress ?? null;
    const stamp = await loadAnyStamp(this.db);
    const key = `${today}/${stamp}`;
    if (this.state && keyOf(this.state.progress) === key) {
      this.checked = seen;
      return this.state;
    }
    if (this.loading?.key === key) {
      return this.loading.promise;
    }
    const promise = this.queue.then(async () => {
      if (this.state && keyOf(this.state.progress) === key) {
        return this.state;
      }
      this.state = await this.load(today, this.state);
      return this.state;
    });
    this.loading = { key, promise };
    this.queue = promise.catch(() => undefined);
    try {
      return await promise;
    } finally {
      if (this.loading?.promise === promise) {
        this.loading = null;
      }
    }
  }

  /**
   * The current state when nothing has to be asked: it is today's, and the live change feed has
   * not moved since its stamp was read. Null otherwise (then `snapshot` asks the database). Lets a
   * cached read answer without a turn of the microtask queue.
   */
  settled(now: Date): ProgressState | null {
    const state = this.state;
    const changes = this.changes;
    return state &&
      changes?.live &&
      this.checked === changes.progress &&
      state.progress.asOf === institutionDay(now)
      ? state
      : null;
  }

  /** The current state: at once when it is settled, else as `snapshot` reads it. */
  ready(now: Date): Ready<ProgressState> {
    return this.settled(now) ?? this.snapshot(now);
  }

  /** The state last read, without asking whether it is still current (null before the first). */
  get latest(): ProgressState | null {
    return this.state;
  }

  /** One municipality's progress today, or null when it does not take part. */
  async municipality(cvegeo: string, now: Date): Promise<MunicipalityProgress | null> {
    return (await this.current(now)).byCvegeo.get(cvegeo) ?? null;
  }

  /** Reads everything in one read-only snapshot, so the stamps and the data agree. */
  private load(today: LocalDate, previous: ProgressState | null): Promise<ProgressState> {
    return this.db.transaction((tx) => loadRegionalProgress(tx, today, previous), {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    });
  }
}

/**
 * Computes the region's progress as of `today` inside the caller's transaction (a daily job
 * passes its own). When the day and the `all` stamp are those of `previous`, only the
 * municipalities whose stamp moved are read again (their agreement and their instances: every
 * change of them moves their stamp, see `progressStamps`); the others keep their figures, their
 * objects and their place in the list.
 */
export async function loadRegionalProgress(
  tx: Executor,
  today: LocalDate,
  previous: ProgressState | null = null,
): Promise<ProgressState> {
  const sameDay = previous !== null && previous.progress.asOf === today;
  const stamps = (sameDay && (await stampsSince(tx, previous.stamps))) || (await loadStamps(tx));
  const reusable = sameDay && previous.stamps.get("all") === stamps.get("all");
  const moved = reusable ? movedMunicipalities(previous.stamps, stamps) : null;
  const partial = moved !== null && moved.size <= PARTIAL_LIMIT;
  // One after the other: a transaction is one connection, which runs one query at a time.
  let participants =
    partial && previous
      ? mergeParticipants(
          previous.progress.participants,
          moved,
          moved.size === 0 ? [] : await loadParticipants(tx, [...moved]),
        )
      : null;
  // A municipality that joins has no place in the list yet: the list is read whole, in order.
  participants ??= await loadParticipants(tx);
  const modelId = await findModelInForceId(tx);
  const outlines = await loadModelOutlines(tx, [
    ...participants.map((p) => p.modelVersionId),
    ...(modelId ? [modelId] : []),
  ]);
  const changed = participants.filter((participant) => {
    if (!reusable) {
      return true;
    }
    const before = previous.progress.participants.get(participant.cvegeo);
    return (
      !before ||
      before.cohort !== participant.cohort ||
      before.signedOn !== participant.signedOn ||
      before.modelVersionId !== participant.modelVersionId ||
      before.name !== participant.name ||
      previous.stamps.get(participant.cvegeo) !== stamps.get(participant.cvegeo)
    );
  });
  const filter = partial ? changed.map((p) => p.cvegeo) : undefined;
  const facts = filter?.length === 0 ? new Map() : await loadInstanceFacts(tx, filter);
  const extras = filter?.length === 0 ? new Map() : await loadProgressExtras(tx, today, filter);
  const fresh = new Map(
    changed.map((participant) => [
      participant.cvegeo,
      municipalityProgress(
        participant,
        ...exemptFrom(participant, outlines, facts.get(participant.cvegeo) ?? []),
        extras.get(participant.cvegeo) ?? { openObservations: 0, reviewWaits: [] },
        today,
      ),
    ]),
  );
  const municipalities = participants.map(
    (participant) =>
      fresh.get(participant.cvegeo) ??
      (previous?.progress.byCvegeo.get(participant.cvegeo) as MunicipalityProgress),
  );
  const byKey = new Map(participants.map((p) => [p.cvegeo, p]));
  const model = {
    ...(modelId ? (outlines.get(modelId) ?? EMPTY_OUTLINE) : EMPTY_OUTLINE),
    versionId: modelId,
  };
  const stableKey = JSON.stringify([today, stamps.get("all") ?? null, modelId, [...outlines]]);
  const stable =
    reusable && previous.progress.stable.get(STABLE_KEY) === stableKey
      ? previous.progress.stable
      : new Map<string, unknown>([[STABLE_KEY, stableKey]]);
  return {
    progress: withLazySummary({
      asOf: today,
      stamp: stamps.get("any") ?? null,
      model,
      municipalities,
      participants: byKey,
      outlines,
      byCvegeo: new Map(municipalities.map((row) => [row.cvegeo, row])),
      ranks: new Map(
        rankByIndex(
          municipalities.map((row) => ({ cvegeo: row.cvegeo, index: row.scores.index })),
        ).map((row) => [row.cvegeo, row.rank]),
      ),
      derived: new Map(),
      stable,
    }),
    stamps,
  };
}

/**
 * The progress with its summary and index computed when first asked for, once per progress:
 * after a change in one municipality, the reads that need neither (its public page, the gap
 * matrix) do not wait for the whole summary (~10 ms at 2,500 municipalities; issue 18). Made
 * here, not in `loadRegionalProgress`: getters made there shared its closures' scope, which holds
 * `previous`, so every progress kept the one before it, and that one the one before, with all
 * their cached bodies (the soak's live heap grew ~1 MB a second).
 */
function withLazySummary(fields: Omit<RegionalProgress, "summary" | "index">): RegionalProgress {
  let summary: RegionalSummary | undefined;
  let index: RegionalSummary["index"] | undefined;
  return {
    ...fields,
    get summary() {
      summary ??= regionalSummary(fields.municipalities, fields.model);
      return summary;
    },
    get index() {
      index ??= summary?.index ?? regionalIndex(fields.municipalities);
      return index;
    },
  };
}

/**
 * The stamps now, from `before` and the stamps drawn since (`loadStampsAfter`): a few rows rather
 * than one per municipality. Null when a stamp is gone (the rows were not only updated or added),
 * for the caller to read them all.
 */
async function stampsSince(
  tx: Executor,
  before: ReadonlyMap<string, number>,
): Promise<Map<string, number> | null> {
  let greatest = 0;
  for (const [scope, stamp] of before) {
    if (scope !== "any" && stamp > greatest) {
      greatest = stamp;
    }
  }
  const { moved, count } = await loadStampsAfter(tx, greatest);
  const stamps = new Map(before);
  for (const [scope, stamp] of moved) {
    stamps.set(scope, stamp);
  }
  return stamps.size === count ? stamps : null;
}

/** What the values kept in `stable` were computed for (the day, the `all` stamp, the models). */
const STABLE_KEY = "progress.stable-key";

/** The municipalities whose stamp moved (or appeared) between two reads of the stamps. */
export function movedMunicipalities(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): Set<string> {
  const moved = new Set<string>();
  for (const [scope, stamp] of after) {
    if (scope !== "any" && scope !== "all" && before.get(scope) !== stamp) {
      moved.add(scope);
    }
  }
  for (const scope of before.keys()) {
    if (!after.has(scope)) {
      moved.add(scope);
    }
  }
  return moved;
}

/**
 * The previous participants in their order, with those of the moved municipalities replaced by
 * `updated` (their rows read again) or left out (they no longer take part); null when one of
 * `updated` is new, since its place in the order by name is the database's to give.
 */
function mergeParticipants(
  previous: ReadonlyMap<string, Participant>,
  moved: ReadonlySet<string>,
  updated: readonly Participant[],
): Participant[] | null {
  const byKey = new Map(updated.map((participant) => [participant.cvegeo, participant]));
  for (const cvegeo of byKey.keys()) {
    if (!previous.has(cvegeo)) {
      return null;
    }
  }
  const merged: Participant[] = [];
  for (const participant of previous.values()) {
    const current = moved.has(participant.cvegeo) ? byKey.get(participant.cvegeo) : participant;
    if (current) {
      merged.push(current);
    }
  }
  return merged;
}

// One formatter for every request: creating an Intl.DateTimeFormat costs more than using one.
const DAY_FORMAT = new Intl.DateTimeFormat("en-CA", {
  timeZone: INSTITUTION_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

// Every read asks for the day; formatting a date costs more than the rest of a cached read's
// progress lookup. A day starts on a whole minute in every time zone (offsets and their changes
// are whole minutes), so the day of one minute is the day of all of its instants.
let dayMinute = Number.NaN;
let dayOfMinute: LocalDate = "";

/** Today in the institution's time zone (`aaaa-mm-dd`), as `localDateOf` gives it. */
function institutionDay(now: Date): LocalDate {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== dayMinute) {
    dayOfMinute = DAY_FORMAT.format(now);
    dayMinute = minute;
  }
  return dayOfMinute;
}

function keyOf(progress: RegionalProgress): string {
  return `${progress.asOf}/${progress.stamp}`;
}

const services = new WeakMap<Database, ProgressService>();

/** The progress service of a database: one per process and database, shared by every module. */
export function progressService(db: Database): ProgressService {
  let service = services.get(db);
  if (!service) {
    service = new ProgressService(db);
    services.set(db, service);
  }
  return service;
}

/**
 * A value derived from the current progress (a serialized dashboard, say), computed once per
 * progress and kept with it.
 */
export function derive<T>(progress: RegionalProgress, name: string, compute: () => T): T {
  return keptIn(progress.derived, name, compute);
}

/**
 * A value that depends on the day, the catalogue and the models but on no municipality's figures
 * (the number of municipalities, the matrix's columns): computed once and kept while those stay
 * the same, across changes in municipalities (see `RegionalProgress.stable`).
 */
export function deriveStable<T>(progress: RegionalProgress, name: string, compute: () => T): T {
  return keptIn(progress.stable, name, compute);
}

/**
 * A value derived from the current progress by an async computation, kept with it (or, `stable`,
 * across changes in municipalities: for what depends on the catalogue and the models only, see
 * `deriveStable`); a failure is not kept, so the next request tries again.
 */
export function derived<T>(
  progress: RegionalProgress,
  name: string,
  compute: () => Promise<T>,
  kept: "derived" | "stable" = "derived",
): Promise<T> {
  return (kept === "stable" ? deriveStable : derive)(progress, name, () => {
    const promise = keepValue(compute());
    promise.catch(() => {
      if (progress[kept].get(name) === promise) {
        progress[kept].delete(name);
      }
    });
    return promise;
  });
}

/**
 * `derived` from the current progress, for a read (decision 0039): in the same turn when the
 * progress is settled and the value computed, else once both are.
 */
export function derivedReady<T>(
  db: Database,
  now: Date,
  name: string,
  compute: (progress: RegionalProgress) => Promise<T>,
): Ready<T> {
  return mapReady(progressService(db).ready(now), ({ progress }) =>
    readyOf(derived(progress, name, () => compute(progress))),
  );
}

function keptIn<T>(kept: Map<string, unknown>, name: string, compute: () => T): T {
  if (kept.has(name)) {
    return kept.get(name) as T;
  }
  const value = compute();
  kept.set(name, value);
  return value;
}
