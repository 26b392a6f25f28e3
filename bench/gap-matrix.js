#!/usr/bin/env node
// The gap matrix on national-scale synthetic data (PostgreSQL): time and the server's peak memory
// of the JSON endpoint and of the XLSX download, each beside references measured in the same run:
// the bare SQL that reads the same rows, and bare Fastify sending the same bytes from memory.
//
//   node bench/gap-matrix.js [--runs 5] [--municipalities 2500] [--cycles 5] [--cohort-years N]
//                            [--database-url …] [--no-build]
//
// The data comes from bench/synthetic.js (generated once, then reused by fingerprint).
import pg from "pg";
import {
  bytesReference,
  download,
  machine,
  mb,
  measureDownloads,
  median,
  ms,
  printBeside,
  syntheticBench,
} from "./lib/synthetic-bench.js";

const { runs, data } = await syntheticBench({ runs: 5 });

// Reference 1: the bare SQL of the endpoint's reads (participants, then every instance's facts).
const sqlTimes = [];
{
  const client = new pg.Client({ connectionString: data.databaseUrl });
  await client.connect();
  for (let run = 0; run < runs + 1; run++) {
    const start = process.hrtime.bigint();
    await client.query(
      `select a.municipality_cvegeo, m.name, a.cohort, a.signed_on, a.model_version_id
         from agreements a join municipalities m on m.cvegeo = a.municipality_cvegeo
        order by m.name_folded`,
    );
    await client.query(
      `select municipality_cvegeo, tool_code, part_code, cycle, opens_on, deadline, state,
              to_char(first_submitted_at at time zone 'America/Mexico_City', 'YYYY-MM-DD'), maturity
         from tool_instances`,
    );
    if (run > 0) {
      sqlTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  await client.end();
}

// The first request computes the region's progress (every instance read and folded); the
// others are served from the progress cached per change stamp.
const {
  cold,
  idle,
  results,
  extra: changed,
} = await measureDownloads(
  data,
  {
    page: "/api/gap-matrix",
    all: "/api/gap-matrix?pageSize=5000",
    xlsx: "/api/gap-matrix.xlsx",
  },
  runs,
  // After a change in one municipality, only it is recomputed.
  async ({ server, cookie, urls }) => {
    const changed = [];
    const client = new pg.Client({ connectionString: data.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query("select id from tool_instances limit 1");
      for (let run = 0; run < runs; run++) {
        await client.query("update tool_instances set updated_at = now() where id = $1", [
          rows[0].id,
        ]);
        changed.push(await download(server.pid, urls.page, { cookie }));
      }
    } finally {
      await client.end();
    }
    return changed;
  },
);
const samples = {
  page: results.page[0].body,
  all: results.all[0].body,
  xlsx: results.xlsx[0].body,
};

// Reference 2: bare Fastify sending the very same bytes from memory.
const bytesRef = await bytesReference(
  {
    page: ["page.json", samples.page],
    all: ["all.json", samples.all],
    xlsx: ["matrix.xlsx", samples.xlsx],
  },
  runs,
);

const rowsOf = JSON.parse(samples.all.toString()).total;
console.log(
  `\nGap matrix: ${rowsOf} municipalities, ${data.counts.tool_instances} tool instances on PostgreSQL ${machine(runs)}`,
);
console.log(`  server RSS when idle after warm-up: ${mb(idle)}`);
console.log(`  reference: bare SQL, the same two reads      ${ms(median(sqlTimes)).padStart(8)}`);
console.log(
  `  first request after start (computes everyone)  ${ms(cold.ms).padStart(8)}   peak RSS growth ${mb(cold.growth)}`,
);
console.log(
  `  first page after a change in one municipality ${ms(median(changed.map((r) => r.ms))).padStart(8)}   (runs: ${changed.map((r) => r.ms.toFixed(0)).join(", ")} ms)`,
);
printBeside("GET /api/gap-matrix (first page, 100 rows)", results.page, bytesRef.page);
printBeside("GET /api/gap-matrix?pageSize=5000 (all rows)", results.all, bytesRef.all);
printBeside("GET /api/gap-matrix.xlsx (all rows)", results.xlsx, bytesRef.xlsx);
