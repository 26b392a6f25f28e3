#!/usr/bin/env node
// The regional dashboard and the public read endpoints under load, on national-scale synthetic
// data (PostgreSQL), against the bare SQL aggregate measured in the same run.
//
//   node bench/dashboard.js [--duration 10] [--connections 50] [--runs 20]
//                           [--municipalities 2500] [--cycles 5] [--database-url …]
//
// 1. The bare SQL aggregate: the implementation index of every participant computed in one SQL
//    query (current cycle per tool and part, maturity or validation, weighted means by the
//    model's weights) with the regional mean and median, `--runs` times on one connection.
// 2. The real server (dist/server/main.js) on 127.0.0.1: the first request after start (computes
//    everyone), the first request after a change in one municipality, then autocannon with
//    `--connections` connections for `--duration` seconds on GET /api/dashboard/regional (signed
//    in as a reviewer; with and without gzip), on GET /api/dashboard/regional/ranking (the rows
//    of the map and the ranking table, fetched beside it) and on each public endpoint that exists.
// Latencies are every response's own time (p50/p95/p99 computed here, autocannon has no p95).
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { signIn, startMrtm } from "./lib/server.js";
import { buildServer, DEFAULT_DATABASE_URL, ensureSyntheticData } from "./synthetic.js";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    runs: { type: "string", default: "20" },
    municipalities: { type: "string", default: "2500" },
    cycles: { type: "string", default: "5" },
    "database-url": { type: "string", default: DEFAULT_DATABASE_URL },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const runs = Number(values.runs);

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const percentile = (xs, p) => {
  const list = sorted(xs);
  return list[Math.min(list.length - 1, Math.ceil((p / 100) * list.length) - 1)] ?? Number.NaN;
};
const ms = (x) => `${x.toFixed(1)} ms`;
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Mexico_City" }).format(
  new Date(),
);

buildServer();
const data = await ensureSyntheticData({
  build: false,
  municipalities: Number(values.municipalities),
  cycles: Number(values.cycles),
  databaseUrl: values["database-url"],
});

/**
 * The index of every participant in one query, as `scoreMunicipality` computes it: the instances
 * that count today (latest opened cycle of each tool and part), each scoring its measured maturity
 * or 1 when validated, tools the mean of their parts, dimensions and the index weighted means
 * with the weights of each municipality's model version. Then the regional mean and median, and
 * each dimension's mean.
 */
const AGGREGATE = `
with current_instances as (
  select distinct on (ti.municipality_cvegeo, ti.tool_code, ti.part_code)
         ti.municipality_cvegeo, ti.tool_code, ti.state, ti.maturity
    from tool_instances ti
   where ti.opens_on <= $1::date
   order by ti.municipality_cvegeo, ti.tool_code, ti.part_code, ti.cycle desc
),
tool_scores as (
  select municipality_cvegeo, tool_code,
         avg(case when maturity is not null then least(1, greatest(0, maturity))
                  when state = 'validated' then 1 else 0 end) as score
    from current_instances
   group by municipality_cvegeo, tool_code
),
dimension_scores as (
  select a.municipality_cvegeo, d.code, d.weight as dimension_weight,
         coalesce(sum(coalesce(ts.score, 0) * t.weight) / nullif(sum(t.weight), 0), 0) as score
    from agreements a
    join model_dimensions d on d.model_version_id = a.model_version_id
    join model_tools t on t.dimension_id = d.id
    left join tool_scores ts
      on ts.municipality_cvegeo = a.municipality_cvegeo and ts.tool_code = t.code
   group by a.municipality_cvegeo, d.code, d.weight
),
indexes as (
  select municipality_cvegeo,
         coalesce(sum(score * dimension_weight) / nullif(sum(dimension_weight), 0), 0) as index
    from dimension_scores
   group by municipality_cvegeo
)
select (select count(*) from indexes)::int as participants,
       (select avg(index) from indexes)::float8 as mean,
       (select percentile_cont(0.5) within group (order by index) from indexes)::float8 as median,
       (select json_object_agg(code, mean) from
          (select code, avg(score)::float8 as mean from dimension_scores group by code) d)
         as dimensions`;

const sqlTimes = [];
let aggregate;
{
  const client = new pg.Client({ connectionString: data.databaseUrl });
  await client.connect();
  try {
    for (let run = 0; run <= runs; run++) {
      const start = process.hrtime.bigint();
      const result = await client.query(AGGREGATE, [today]);
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (run > 0) {
        sqlTimes.push(elapsed);
      }
      aggregate = result.rows[0];
    }
  } finally {
    await client.end();
  }
}

/** One autocannon run, every response's latency kept. */
async function load(url, headers) {
  const latencies = [];
  const statuses = new Map();
  const instance = autocannon({ url, connections, duration, headers });
  instance.on("response", (_client, status, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  const result = await instance;
  return {
    requests: latencies.length,
    throughput: result.requests.average,
    bytesPerSecond: result.throughput.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts + result.non2xx,
    statuses: [...statuses].map(([status, n]) => `${status}×${n}`).join(" "),
  };
}

async function timed(url, headers) {
  const start = process.hrtime.bigint();
  const response = await fetch(url, { headers });
  const body = await response.arrayBuffer();
  return {
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    status: response.status,
    bytes: body.byteLength,
    json: response.headers.get("content-type")?.includes("json")
      ? JSON.parse(Buffer.from(body).toString())
      : null,
  };
}

const server = await startMrtm(data.databaseUrl);
const loads = [];
let cold;
let dashboard;
const afterChange = [];
let rankingRows = [];
try {
  const cookie = await signIn(server.base, data.accounts.reviewer, data.password);
  const regional = `${server.base}/api/dashboard/regional`;
  cold = await timed(regional, { cookie });
  if (cold.status !== 200) {
    throw new Error(`GET /api/dashboard/regional answered ${cold.status}`);
  }
  dashboard = cold.json;

  // After a change in one municipality only it is recomputed (and the dashboard re-serialized).
  const client = new pg.Client({ connectionString: data.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query("select id from tool_instances limit 1");
    for (let run = 0; run < 5; run++) {
      await client.query("update tool_instances set updated_at = now() where id = $1", [
        rows[0].id,
      ]);
      afterChange.push((await timed(regional, { cookie })).ms);
    }
  } finally {
    await client.end();
  }

  // What any signed-in request costs before its route runs: the session lookup, and a tiny body.
  loads.push({
    label: "reference: GET /api/auth/session (signed in)",
    ...(await load(`${server.base}/api/auth/session`, { cookie })),
  });
  await timed(regional, { cookie, "accept-encoding": "gzip" });
  loads.push({
    label: "GET /api/dashboard/regional (gzip)",
    ...(await load(regional, { cookie, "accept-encoding": "gzip" })),
  });
  loads.push({
    label: "GET /api/dashboard/regional (identity)",
    ...(await load(regional, { cookie })),
  });
  // The ranking (every participant's row, for the map and the table), loaded beside it.
  const ranking = `${server.base}/api/dashboard/regional/ranking`;
  const rankingProbe = await timed(ranking, { cookie });
  rankingRows = rankingProbe.json?.columns.cvegeo.map((cvegeo) => ({ cvegeo })) ?? [];
  loads.push({
    label: "GET /api/dashboard/regional/ranking (gzip)",
    ...(await load(ranking, { cookie, "accept-encoding": "gzip" })),
  });

  const sample = rankingRows[Math.floor(rankingRows.length / 2)]?.cvegeo ?? "15106";
  const publicPaths = [
    "/api/public/summary",
    "/api/public/ranking?page=1&pageSize=50",
    "/api/public/municipalities?q=san",
    `/api/public/municipalities/${sample}`,
    "/api/public/map",
    "/api/public/open-data",
    "/api/public/open-data/municipalities.json",
    "/api/public/open-data/municipalities.csv",
    "/api/public/open-data/tools.csv",
  ];
  for (const path of publicPaths) {
    const probe = await timed(`${server.base}${path}`, { "accept-encoding": "gzip" });
    if (probe.status !== 200) {
      console.log(`  (omitido ${path}: respondió ${probe.status}; no existe en esta versión)`);
      continue;
    }
    loads.push({
      label: `GET ${path} (gzip)`,
      ...(await load(`${server.base}${path}`, { "accept-encoding": "gzip" })),
    });
  }
} finally {
  await server.stop();
}

const sqlP50 = percentile(sqlTimes, 50);
const sqlP95 = percentile(sqlTimes, 95);
console.log(
  `\nRegional dashboard and public endpoints: ${dashboard.participants} participants, ${data.counts.tool_instances} tool instances on PostgreSQL; autocannon ${connections} connections × ${duration} s (${os.cpus().length} cores, node ${process.version})`,
);
console.log(
  `  reference: bare SQL aggregate (index of every participant, mean, median), ${runs} runs: p50 ${ms(sqlP50)}, p95 ${ms(sqlP95)}`,
);
console.log(
  `  same figures: SQL mean ${(aggregate.mean * 100).toFixed(1)} % / median ${(aggregate.median * 100).toFixed(1)} %; endpoint mean ${dashboard.index.mean} % / median ${dashboard.index.median} %`,
);
console.log(`  first request after start (computes everyone): ${ms(cold.ms)}, ${cold.bytes} bytes`);
console.log(
  `  first request after a change in one municipality: ${afterChange.map((x) => x.toFixed(0)).join(", ")} ms`,
);
console.log(
  `  ${"endpoint".padEnd(52)}${"p50".padStart(10)}${"p95".padStart(10)}${"p99".padStart(10)}${"req/s".padStart(10)}  p95/SQL p50`,
);
for (const row of loads) {
  console.log(
    `  ${row.label.padEnd(52)}${ms(row.p50).padStart(10)}${ms(row.p95).padStart(10)}${ms(row.p99).padStart(10)}${row.throughput.toFixed(0).padStart(10)}  ${(row.p95 / sqlP50).toFixed(2)}×${row.errors ? `  errors ${row.errors} (${row.statuses})` : ""}`,
  );
}
console.log(
  "  targets (issue 5): dashboard p95 ≤ 50 ms at 50 connections and ≤ 2 × the bare SQL aggregate",
);
