#!/usr/bin/env node
// The regional report downloads on national-scale synthetic data (PostgreSQL): time and the
// server's peak memory of GET /api/reports/regional.xlsx (two sheets, streamed) and
// GET /api/reports/regional.csv, beside bare Fastify sending the very same bytes from memory.
//
//   node bench/regional-xlsx.js [--runs 5] [--municipalities 2500] [--cycles 5] [--cohort-years N]
//                               [--database-url …] [--no-build]
//
// Targets (issue 5): the regional XLSX in ≤ 5 s and ≤ 256 MB.
import {
  bytesReference,
  machine,
  mb,
  measureDownloads,
  ms,
  printBeside,
  syntheticBench,
} from "./lib/synthetic-bench.js";

const { runs, data } = await syntheticBench({ runs: 5 });

// The first download computes the region's progress; later ones read it from the cache.
const { cold, idle, results } = await measureDownloads(
  data,
  { xlsx: "/api/reports/regional.xlsx", csv: "/api/reports/regional.csv" },
  runs,
);

// Reference: bare Fastify sending the same bytes from memory.
const bytesRef = await bytesReference(
  {
    xlsx: ["regional.xlsx", results.xlsx[0].body],
    csv: ["regional.csv", results.csv[0].body],
  },
  runs,
);

console.log(
  `\nRegional report: ${data.counts.participants} participants, ${data.counts.tool_instances} tool instances on PostgreSQL ${machine(runs)}`,
);
console.log(`  server RSS when idle after warm-up: ${mb(idle)}`);
console.log(
  `  first XLSX after start (computes everyone)      ${ms(cold.ms).padStart(8)}   peak RSS ${mb(cold.peak)} (growth ${mb(cold.growth)})`,
);
printBeside("GET /api/reports/regional.xlsx", results.xlsx, bytesRef.xlsx);
printBeside("GET /api/reports/regional.csv", results.csv, bytesRef.csv);
console.log("  targets (issue 5): regional XLSX ≤ 5 s and ≤ 256 MB");
