/**
 * Bytes that take long to build (an open dataset of every instance: a second or more at national
 * scale) and that the public may read a little stale: after a change the bytes built before keep
 * being served, whole and with their own ETag, while one rebuild runs in the background; the next
 * request after it finished gets the new ones (decision 0027). Only the first build, when there
 * are no bytes yet, is waited for. A failed rebuild keeps the previous bytes; the next request
 * tries again.
 */
export class RebuiltInBackground<T> {
  readonly #entries = new Map<
    string,
    { built: { version: string; value: T } | null; building: Promise<T> | null }
  >();

  /**
   * The value of `name` at `version` when it is built; otherwise the last one built while
   * `build` (for `version`) runs, or, before any, what `build` gives.
   */
  get(name: string, version: string, build: () => Promise<T>): Promise<T> {
    let entry = this.#entries.get(name);
    if (!entry) {
      entry = { built: null, building: null };
      this.#entries.set(name, entry);
    }
    const { built } = entry;
    if (built?.version === version) {
      return Promise.resolve(built.value);
    }
    if (!entry.building) {
      const current = entry;
      const building = build().then(
        (value) => {
          current.built = { version, value };
          current.building = null;
          return value;
        },
        (error: unknown) => {
          current.building = null;
          throw error;
        },
      );
      current.building = building;
      // Served stale meanwhile, nobody else awaits it: its failure is left to the next request.
      building.catch(() => undefined);
    }
    return built ? Promise.resolve(built.value) : (entry.building as Promise<T>);
  }

  /** The version of `name` built last (served at once while it is current), if any. */
  builtVersion(name: string): string | undefined {
    return this.#entries.get(name)?.built?.version;
  }

  /** Settles once no rebuild runs (those started meanwhile included), whatever their outcome. */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.#entries.values()].flatMap((entry) =>
        entry.building ? [entry.building] : [],
      );
      if (running.length === 0) {
        return;
      }
      await Promise.allSettled(running);
    }
  }
}
