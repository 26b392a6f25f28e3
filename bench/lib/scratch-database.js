// A PostgreSQL database of a benchmark's own: created beside a given address (any database of
// the server) and dropped when the benchmark is done with it, after a failure too, so a run never
// reads another's data or leaves its own behind.
import pg from "pg";

async function adminQuery(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates the database `name` beside `url`; resolves with its name, its address and `drop()`. */
export async function scratchDatabase(url, name) {
  await adminQuery(url, `create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    name,
    url: target.toString(),
    drop: () => adminQuery(url, `drop database if exists "${name}" with (force)`),
  };
}
