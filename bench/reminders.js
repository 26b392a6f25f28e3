#!/usr/bin/env node
// The daily reminder job (src/server/jobs/reminders.ts) on national-scale synthetic data
// (PostgreSQL): its time and its process's peak memory on a first run (everything owed today),
// a second run the same day (already done) and the next day's run, beside a reference measured
// in the same process: the bare reads the job needs and one bulk insert of as many notifications
// and e-mails as it created.
//
//   node bench/reminders.js [--runs 3] [--municipalities 2500] [--cycles 5] [--cohort-years N]
//                           [--database-url …] [--no-build]
import { spawnSync } from "node:child_process";
import path from "node:path";
import { machine, mb, median, ms, syntheticBench } from "./lib/synthetic-bench.js";

const { runs, data } = await syntheticBench({ runs: 3 });

const isoToday = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Mexico_City" }).format(
  new Date(),
);
const next = new Date(Date.parse(`${isoToday}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const days = [isoToday, isoToday, next];
const labels = ["first run of the day", "second run, same day", "next day"];

const measured = [];
for (let run = 0; run < runs; run++) {
  const child = spawnSync("node", [path.join(import.meta.dirname, "lib/run-reminders.js")], {
    env: { ...process.env, DATABASE_URL: data.databaseUrl, DAYS: days.join(",") },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) {
    console.error(child.stdout);
    process.exit(1);
  }
  measured.push(JSON.parse(child.stdout.trim().split("\n").at(-1)));
}

console.log(
  `\nReminder job: ${data.counts.participants} municipalities, ${data.counts.tool_instances} tool instances, ${data.counts.users} users on PostgreSQL ${machine(runs)}`,
);
const first = measured[0];
const medianMs = (list) => ms(median(list)).padStart(9);
console.log(
  `  reference: bare reads the job needs               ${medianMs(measured.map((m) => m.reference.readMs))}`,
);
console.log(
  `  reference: one bulk insert of ${first.reference.created} notifications + their e-mails ${medianMs(measured.map((m) => m.reference.insertMs))}`,
);
labels.forEach((label, i) => {
  const of = measured.map((m) => m.runs[i]);
  const outcome = of[0].outcome;
  console.log(
    `  ${label.padEnd(26)} ${medianMs(of.map((r) => r.ms))}   peak RSS ${mb(median(of.map((r) => r.peak)))} (before ${mb(median(of.map((r) => r.before)))})   ${outcome.status}${outcome.summary ? `: ${outcome.summary}` : ""}; notifications so far ${of[0].notifications}, e-mails ${of[0].emails}`,
  );
  console.log(`    runs: ${of.map((r) => r.ms.toFixed(0)).join(", ")} ms`);
});
