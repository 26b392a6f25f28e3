/**
 * Values read from one municipality's own rows (its tools, its deadlines, its observations, the
 * support actions it is invited to), kept per process and database until that municipality's
 * change stamp, the `all` stamp or the day moves (decision 0027's change feed tells the progress
 * service when to read the stamps again; while nothing moved a hit asks the database nothing). A
 * change in another municipality leaves them be. Authorisation is never cached: routes check who
 * asks before they ask here.
 */
import type { LocalDate } from "../../../domain/dates.js";
import type { Database } from "../../db/client.js";
import { keepValue, valueNow } from "../../lib/ready.js";
import { type ProgressState, progressService, type RegionalProgress } from "./service.js";

/** A municipality's version: what its own rows were read at. */
export interface MunicipalityVersion {
  key: string;
  asOf: LocalDate;
  progress: RegionalProgress;
}

/** The day, the municipality's stamp and the `all` stamp of the current progress. */
export async function municipalityVersion(
  db: Database,
  cvegeo: string,
  now: Date,
): Promise<MunicipalityVersion> {
  return versionIn(await progressService(db).snapshot(now), cvegeo);
}

/** A municipality's version within a progress state already read. */
export function versionIn(
  { progress, stamps }: ProgressState,
  cvegeo: string,
): MunicipalityVersion {
  return {
    key: `${progress.asOf}/${stamps.get(cvegeo) ?? 0}/${stamps.get("all") ?? 0}`,
    asOf: progress.asOf,
    progress,
  };
}

/** What a computation gives: the value, and the instant it stops being true (if it has one). */
export interface Expiring<T> {
  value: T;
  /** Milliseconds since the epoch; e.g. the end of the first upcoming support action listed. */
  expiresAt?: number;
}

interface Entry<T> {
  key: string;
  expiresAt: number;
  value: Promise<T>;
}

/** More municipalities than this are kept by dropping the least recently computed. */
const LIMIT = 4096;

/** One kind of per-municipality value (its name), per database. */
export class MunicipalityCache<T> {
  readonly #entries = new Map<string, Entry<T>>();

  /**
   * The value for `cvegeo` at `key`, computed once per key (concurrent requests share the
   * computation; a failure is not kept) and again once it has expired.
   */
  get(cvegeo: string, key: string, now: Date, compute: () => Promise<Expiring<T>>): Promise<T> {
    const entry = this.#entries.get(cvegeo);
    if (entry && entry.key === key && entry.expiresAt > now.getTime()) {
      return entry.value;
    }
    const value = keepValue(
      compute().then((result) => {
        const current = this.#entries.get(cvegeo);
        if (current?.value === value) {
          current.expiresAt = result.expiresAt ?? Number.POSITIVE_INFINITY;
        }
        return result.value;
      }),
    );
    const fresh: Entry<T> = { key, expiresAt: Number.POSITIVE_INFINITY, value };
    this.#entries.delete(cvegeo);
    this.#entries.set(cvegeo, fresh);
    if (this.#entries.size > LIMIT) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) {
        this.#entries.delete(oldest);
      }
    }
    value.catch(() => {
      if (this.#entries.get(cvegeo) === fresh) {
        this.#entries.delete(cvegeo);
      }
    });
    return value;
  }

  /**
   * The value for `cvegeo` when it can be had without waiting: computed, not expired, and of the
   * municipality's version in `state`.
   */
  readyIn(cvegeo: string, state: ProgressState, now: Date): T | undefined {
    const entry = this.#entries.get(cvegeo);
    return entry && entry.expiresAt > now.getTime() && entry.key === versionIn(state, cvegeo).key
      ? valueNow<T>(entry.value)
      : undefined;
  }
}

/**
 * The value kept as `name` for `cvegeo` when it can be had without waiting (a settled progress,
 * see `ProgressService.settled`, and a computed, current value); undefined otherwise, and then
 * the caller takes its awaited path.
 */
export function municipalValueNow<T>(
  db: Database,
  name: string,
  cvegeo: string,
  now: Date,
): T | undefined {
  const state = progressService(db).settled(now);
  return state ? municipalityCache<T>(db, name).readyIn(cvegeo, state, now) : undefined;
}

const caches = new WeakMap<Database, Map<string, MunicipalityCache<unknown>>>();

/** The cache called `name` of a database (one per process and database). */
export function municipalityCache<T>(db: Database, name: string): MunicipalityCache<T> {
  let byName = caches.get(db);
  if (!byName) {
    byName = new Map();
    caches.set(db, byName);
  }
  let cache = byName.get(name);
  if (!cache) {
    cache = new MunicipalityCache<unknown>();
    byName.set(name, cache);
  }
  return cache as MunicipalityCache<T>;
}
