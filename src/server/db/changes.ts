import type pg from "pg";
import type { Database } from "./client.js";

/**
 * What this process knows about changes to the database, so that a cached read (a session, the
 * progress) can be served without asking the database whether anything changed (decision 0027).
 *
 * Two counters, `progress` and `auth`, move whenever something a cache depends on may have
 * changed:
 * - a write of this process completed (any statement that is not a read, a transaction's end):
 *   the database client is wrapped, so a read that follows a write of this process always sees
 *   it, whatever the timing;
 * - another process committed a change: the database's triggers `NOTIFY mrtm_changes` at commit
 *   (`progress` from the progress stamps' triggers, `auth` when sessions are deleted, accounts,
 *   designations or municipalities change) and a dedicated connection LISTENs (PostgreSQL only:
 *   PGlite allows one process, so every write is a local one);
 * - the listening connection was lost or came back.
 *
 * A cache keeps the counter it read the database at and trusts its value while the counter has
 * not moved and the feed is `live` (listening, or alone on the database). When not live it asks
 * the database every time, as before.
 */
export class ChangeFeed {
  #progress = 0;
  #auth = 0;
  #live: boolean;
  #closed = false;
  #listener: pg.Client | null = null;
  #retry: NodeJS.Timeout | null = null;
  readonly #progressListeners = new Set<() => void>();

  private constructor(live: boolean) {
    this.#live = live;
  }

  /** A feed for a database only this process writes to (PGlite): always live. */
  static local(): ChangeFeed {
    return new ChangeFeed(true);
  }

  /** A feed that listens to PostgreSQL at `url` (live once the LISTEN is in place). */
  static async listening(url: string): Promise<ChangeFeed> {
    const feed = new ChangeFeed(false);
    await feed.#listen(url).catch(() => feed.#reconnectLater(url));
    return feed;
  }

  get progress(): number {
    return this.#progress;
  }

  get auth(): number {
    return this.#auth;
  }

  /** Whether every change made by any process moves the counters. */
  get live(): boolean {
    return this.#live;
  }

  /**
   * Calls `listener` each time the `progress` counter moves (synchronously: it should only
   * schedule its work). Returns what removes it.
   */
  onProgress(listener: () => void): () => void {
    this.#progressListeners.add(listener);
    return () => this.#progressListeners.delete(listener);
  }

  /** Something may have changed anything: every cache checks again. */
  changed(): void {
    this.#progress++;
    this.#auth++;
    this.#progressMoved();
  }

  /** A `mrtm_changes` notification's payload. */
  notified(payload: string): void {
    if (payload === "progress") {
      this.#progress++;
      this.#progressMoved();
    } else if (payload === "auth") {
      this.#auth++;
    } else {
      this.changed();
    }
  }

  #progressMoved(): void {
    for (const listener of this.#progressListeners) {
      listener();
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#progressListeners.clear();
    this.#live = false;
    if (this.#retry) {
      clearTimeout(this.#retry);
    }
    const listener = this.#listener;
    this.#listener = null;
    await listener?.end().catch(() => {});
  }

  async #listen(url: string): Promise<void> {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url });
    const lost = () => {
      if (this.#listener !== client) {
        return;
      }
      this.#listener = null;
      this.#live = false;
      this.changed();
      client.end().catch(() => {});
      this.#reconnectLater(url);
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (message) => this.notified(message.payload ?? ""));
    await client.connect();
    await client.query("LISTEN mrtm_changes");
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#listener = client;
    // Whatever happened while nobody listened is unknown: every cache checks once more.
    this.changed();
    this.#live = true;
  }

  #reconnectLater(url: string): void {
    if (this.#closed) {
      return;
    }
    this.#retry = setTimeout(() => {
      this.#retry = null;
      this.#listen(url).catch(() => this.#reconnectLater(url));
    }, 1_000);
    this.#retry.unref();
  }
}

// Statements that never change data: every other one (a write, COMMIT, ROLLBACK, TRUNCATE…) moves
// the counters once it has completed.
const READ_ONLY = /^\s*(select|begin|start|savepoint|release|show|listen|values)\b/i;

/** Whether a statement might have changed something, judged from its text. */
export function mayWrite(text: string): boolean {
  return !READ_ONLY.test(text);
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Wraps a node-postgres client's `query` so that a statement that may write moves the feed once
 * it completes (promise or callback form).
 */
export function watchPgClient(client: pg.ClientBase, feed: ChangeFeed): void {
  const original = client.query.bind(client) as QueryFn;
  const query: QueryFn = (...args) => {
    const first = args[0];
    const text =
      typeof first === "string"
        ? first
        : typeof first === "object" && first !== null && "text" in first
          ? String((first as { text: unknown }).text)
          : "";
    if (!mayWrite(text)) {
      return original(...args);
    }
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (...results: unknown[]) => {
        feed.changed();
        return (callback as QueryFn)(...results);
      };
      return original(...args);
    }
    const result = original(...args);
    if (result instanceof Promise) {
      return result.finally(() => feed.changed());
    }
    feed.changed();
    return result;
  };
  (client as unknown as { query: QueryFn }).query = query;
}

/** The same for PGlite: its `query` and `exec`, and every transaction when it ends. */
export function watchPglite(
  client: { query: QueryFn; exec: QueryFn; transaction: QueryFn },
  feed: ChangeFeed,
): void {
  for (const method of ["query", "exec"] as const) {
    const original = client[method].bind(client);
    client[method] = (...args: unknown[]) => {
      const text = typeof args[0] === "string" ? args[0] : "";
      const result = original(...args);
      return mayWrite(text) && result instanceof Promise
        ? result.finally(() => feed.changed())
        : result;
    };
  }
  const transaction = client.transaction.bind(client);
  client.transaction = (...args: unknown[]) => {
    const result = transaction(...args);
    return result instanceof Promise ? result.finally(() => feed.changed()) : result;
  };
}

const feeds = new WeakMap<Database, ChangeFeed>();

export function registerChangeFeed(db: Database, feed: ChangeFeed): void {
  feeds.set(db, feed);
}

/** The change feed of a database opened by `openDatabase`; null for any other. */
export function changeFeedOf(db: Database): ChangeFeed | null {
  return feeds.get(db) ?? null;
}
