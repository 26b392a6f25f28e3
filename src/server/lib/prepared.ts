import type { Database } from "../db/client.js";

/**
 * A named prepared statement (or a few), built on first use for each database and kept: the
 * server plans it once per connection rather than on every request. For the queries every read
 * makes, and for joins of many tables, whose planning can cost several times their execution.
 */
export function preparedOn<Query>(build: (db: Database) => Query): (db: Database) => Query {
  const built = new WeakMap<Database, Query>();
  return (db) => {
    let query = built.get(db);
    if (!query) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
