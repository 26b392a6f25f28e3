// One measurement for bench/reminders.js, in a process of its own so its memory is the job's:
// runs the reminder job (dist/server/jobs) on the database in DATABASE_URL for the day of NOW_ISO,
// prints one JSON line with its time, the process's RSS before and peak, and what it delivered.
// Leaves the database as it found it: the notifications, e-mails and job_runs rows it made are
// deleted afterwards (the synthetic data has none of its own).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");
const dist = (file) => pathToFileURL(path.join(root, "dist", file)).href;
const { openDatabase } = await import(dist("server/db/client.js"));
const { runDailyJob } = await import(dist("server/jobs/runner.js"));
const { reminderJob } = await import(dist("server/jobs/reminders.js"));

const status = () => fs.readFileSync("/proc/self/status", "utf8");
const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status())?.[1] ?? 0) * 1024;

const url = process.env.DATABASE_URL;
const days = (process.env.DAYS ?? "").split(",").filter(Boolean);
const plain = new pg.Client({ connectionString: url });
await plain.connect();
const clean = async () => {
  await plain.query("delete from mail_outbox");
  await plain.query("delete from notifications");
  await plain.query("delete from job_runs where job = $1", [reminderJob.name]);
};
await clean();
const handle = await openDatabase({ kind: "postgres", url });
try {
  const runs = [];
  for (const day of days) {
    const now = new Date(`${day}T15:00:00Z`);
    const before = kb("VmRSS");
    try {
      fs.writeFileSync("/proc/self/clear_refs", "5");
    } catch {
      // Without resetting, VmHWM is the peak since start: still an upper bound.
    }
    const started = process.hrtime.bigint();
    const outcome = await runDailyJob(handle.db, reminderJob, now);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const peak = kb("VmHWM");
    const counts = (
      await plain.query(
        "select (select count(*)::int from notifications) as notifications, (select count(*)::int from mail_outbox) as emails",
      )
    ).rows[0];
    runs.push({ day, ms, before, peak, outcome, ...counts });
  }
  // Reference, in the same process: the bare reads the job needs (open instances with a deadline
  // and who to tell) and one bulk insert of as many rows as it created, in a transaction undone.
  const created = runs[0]?.notifications ?? 0;
  const refStart = process.hrtime.bigint();
  await plain.query(
    `select ti.id, ti.municipality_cvegeo, ti.tool_code, ti.part_code, ti.deadline, ti.state, m.name
       from tool_instances ti join municipalities m on m.cvegeo = ti.municipality_cvegeo
      where ti.state <> 'validated' and ti.deadline is not null`,
  );
  await plain.query(
    "select id, email, role, municipality_cvegeo from users where active and role in ('liaison', 'collaborator', 'reviewer', 'admin')",
  );
  const readMs = Number(process.hrtime.bigint() - refStart) / 1e6;
  const users = (await plain.query("select id from users limit 1")).rows[0].id;
  await plain.query("begin");
  const insertStart = process.hrtime.bigint();
  await plain.query(
    `insert into notifications (user_id, kind, title, body, link, dedupe_key)
     select $1, 'deadline_approaching', 'Plazo próximo', repeat('x', 200), '/herramientas/x', 'ref-' || g
       from generate_series(1, $2::int) as g`,
    [users, created],
  );
  await plain.query(
    `insert into mail_outbox ("to", subject, text, html)
     select 'persona@example.org', 'Plazo próximo', repeat('x', 600), repeat('<p>x</p>', 100)
       from generate_series(1, $1::int)`,
    [runs[0]?.emails ?? 0],
  );
  const insertMs = Number(process.hrtime.bigint() - insertStart) / 1e6;
  await plain.query("rollback");
  process.stdout.write(`${JSON.stringify({ runs, reference: { readMs, insertMs, created } })}\n`);
} finally {
  await clean();
  await handle.close();
  await plain.end();
}
