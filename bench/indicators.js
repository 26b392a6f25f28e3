#!/usr/bin/env node
// The M2 regional comparison at national scale, in process on PGlite (in memory): 2,500
// municipalities × 12 indicators × 24 quarterly periods sent (720,000 values). Times the module's
// own comparison read (`getIndicatorComparison`: median and quartiles of every period in SQL, then
// each municipality's value for the latest period) beside a reference measured in the same run:
// the bare SQL that reads the same indicator's 60,000 values, sorted in JavaScript.
//
//   npm run build:server && node bench/indicators.js [--runs 7]
//
// Goal (issue 14): the comparison ≤ 200 ms.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "7" } } });
const runs = Number(args.runs);
const MUNICIPALITIES = 2500;
const PERIODS = 24;
const CODES = Array.from({ length: 12 }, (_, i) => `IND${String(i + 1).padStart(2, "0")}`);

const { openDatabase } = await import("../dist/server/db/client.js");
const { getIndicatorComparison } = await import("../dist/server/modules/indicators/queries.js");
const { INDICATOR_BATTERY_2022 } = await import("../dist/domain/indicators.js");

const handle = await openDatabase({ kind: "pglite", dataDir: null });
await handle.migrate();
const { db } = handle;
const loadStart = performance.now();
// Synthetic rows only: foreign keys off while loading (as the archive import does).
await db.transaction(async (tx) => {
  await tx.execute(sql`set local session_replication_role = replica`);
  await tx.execute(sql`
    insert into municipalities (cvegeo, state_code, cve_mun, name, name_folded)
    select lpad((90000 + n)::text, 5, '0'), '90', lpad(n::text, 3, '0'), 'Municipio ' || n, 'municipio ' || n
      from generate_series(1, ${MUNICIPALITIES}) n`);
  const items = JSON.stringify(
    INDICATOR_BATTERY_2022.map((item) => ({
      ...item,
      target: 50,
      excluded: false,
      exclusionReason: null,
    })),
  );
  await tx.execute(sql`
    insert into indicator_adoptions (tool_instance_id, municipality_cvegeo, model_version, start_year, items, adopted_by)
    select gen_random_uuid(), lpad((90000 + n)::text, 5, '0'), 1, 2025, ${items}::jsonb, gen_random_uuid()
      from generate_series(1, ${MUNICIPALITIES}) n`);
  await tx.execute(sql`
    insert into indicator_reports (adoption_id, municipality_cvegeo, period_key, status, updated_by, submitted_at)
    select a.id, a.municipality_cvegeo, (2020 + (p - 1) / 4)::text || '-T' || ((p - 1) % 4 + 1), 'submitted', a.adopted_by, now()
      from indicator_adoptions a, generate_series(1, ${PERIODS}) p`);
  await tx.execute(sql`
    insert into indicator_values (report_id, municipality_cvegeo, indicator_code, period_key, value)
    select r.id, r.municipality_cvegeo, c, r.period_key, round((random() * 100)::numeric, 1)::float8
      from indicator_reports r, unnest(${sql.raw(`array[${CODES.map((c) => `'${c}'`).join(",")}]`)}) c`);
});
await db.execute(sql`analyze`);
const loaded = (performance.now() - loadStart) / 1000;

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
async function time(fn) {
  const times = [];
  for (let run = 0; run < runs + 1; run++) {
    const start = performance.now();
    await fn();
    if (run > 0) {
      times.push(performance.now() - start);
    }
  }
  return times;
}

const reference = await time(async () => {
  const result = await db.execute(
    sql`select period_key, value from indicator_values where indicator_code = 'IND02'`,
  );
  const rows = result.rows ?? result;
  const byPeriod = new Map();
  for (const row of rows) {
    const list = byPeriod.get(row.period_key) ?? [];
    list.push(Number(row.value));
    byPeriod.set(row.period_key, list);
  }
  for (const list of byPeriod.values()) {
    list.sort((a, b) => a - b);
  }
});
const comparison = await time(() => getIndicatorComparison(db, "IND02", undefined, 1));
const sample = await getIndicatorComparison(db, "IND02", undefined, 1);
const [{ n }] = (await db.execute(sql`select count(*)::int as n from indicator_values`)).rows;

console.log(
  `M2 regional comparison: ${MUNICIPALITIES} municipalities × ${CODES.length} indicators × ${PERIODS} periods = ${n} values (PGlite in memory, loaded in ${loaded.toFixed(1)} s), ${runs} runs after one warm-up`,
);
const show = (label, times) =>
  console.log(
    `  ${label.padEnd(58)} median ${median(times).toFixed(1).padStart(7)} ms   max ${Math.max(
      ...times,
    )
      .toFixed(1)
      .padStart(7)} ms`,
  );
show("reference: bare SQL reading IND02's values, sorted in JS", reference);
show("getIndicatorComparison(IND02): 24 periods + 2,500 rows", comparison);
console.log(
  `  result: ${sample.series.length} periods, ${sample.municipalities.length} municipalities in ${sample.period}; goal ≤ 200 ms: ${median(comparison) <= 200 ? "met" : "not met"}`,
);
await handle.close?.();
