// Helpers for bench/synthetic.js: a seeded random generator and bulk inserts through pg.
import { createHash } from "node:crypto";

/** A small seeded PRNG (mulberry32): the same seed gives the same data. */
export function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (min, max) => min + next() * (max - min);
  const int = (min, max) => Math.floor(between(min, max + 1));
  return {
    next,
    between,
    int,
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** A v4-shaped UUID from the generator (reproducible, unlike crypto.randomUUID). */
    uuid() {
      const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join("");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
    hex(bytes) {
      return createHash("sha256")
        .update(String(next()))
        .digest("hex")
        .slice(0, bytes * 2);
    },
  };
}

/**
 * Inserts rows in chunks with one parameter per column (`unnest($1::uuid[], $2::text[], …)`):
 * any number of rows per statement, no 65,535-parameter limit, one round trip per chunk.
 * `columns` are `[name, arrayType, cast?]`, e.g. `["state", "text", "tool_state"]`.
 */
export async function insertRows(client, table, columns, rows, chunkSize = 5000) {
  if (rows.length === 0) {
    return 0;
  }
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  const select = columns.map(([, , cast], i) => (cast ? `u.c${i}::${cast}` : `u.c${i}`)).join(", ");
  const aliases = columns.map((_, i) => `c${i}`).join(", ");
  const text = `insert into "${table}" (${names}) select ${select} from unnest(${unnest}) as u(${aliases})`;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const params = columns.map((_, i) => chunk.map((row) => row[i] ?? null));
    await client.query(text, params);
  }
  return rows.length;
}
