#!/usr/bin/env node
// The M1 satisfaction survey (issue 14): anonymous answers arriving under load, and the liaison's
// results of a survey with 10,000 answers, each beside a reference measured in the same run.
//
//   node bench/survey.js [--duration 10] [--connections 50] [--rounds 3] [--answers 10000]
//                        [--runs 15] [--municipalities 125] [--log-level info]
//                        [--database-url postgres://postgres@127.0.0.1:5432/]
//                        [--server-dir DIR] [--no-build] [--cpu-prof DIR] [--only answers|results]
//                        [--closed-surveys 0] [--closed-answers 300]
//
// Data: a fresh PostgreSQL database (`mrtm_bench_survey_<pid>`, dropped at the end) with the
// synthetic data of bench/synthetic.js at `--municipalities` (the real migrations and seed, a
// designated liaison per municipality, every tool instance). The built server (`dist/` of this
// checkout, or of --server-dir) runs on it at LOG_LEVEL=info as in production, one process.
//
// 1. Answers. The liaisons of two municipalities each open the survey of one of their M1 cycles
//    (`POST /api/tool-instances/:id/survey` → {token, url}). Survey A takes answers:
//    `POST /api/public/surveys/<token>/responses` with every question answered, under autocannon
//    (`--connections`, `--duration` s), `--rounds` times, alternating with the reference: bare
//    Fastify inserting the very same row into the same table of the same database through the
//    same driver (`lib/survey-insert-server.js`). The anti-abuse stays as in production: no
//    request sends a browser key or a cookie, so each one is a new browser (one answer per
//    browser holds), the honeypot is empty, and the per-address limit is raised through the
//    setting production honours for a service-window tablet (MRTM_SURVEY_MAX_PER_ADDRESS), since
//    every request here comes from 127.0.0.1. Goal: ≥ 0.5 × the reference's requests/s, p95 ≤ 50 ms.
// 2. Results. Survey B gets `--answers` answers in bulk (plausible, seeded), then its liaison's
//    read (`GET /api/tool-instances/:id/survey`: live results, comments, the cycle-by-cycle
//    comparison) is timed `--runs` times after one warm-up, one request at a time, alternating with
//    bare Fastify sending the very same bytes (`lib/bytes-server.js`). Goal: ≤ 200 ms. With
//    `--closed-surveys N`, N other municipalities each have a closed survey of `--closed-answers`
//    answers, which the comparison's regional median reads too.
// Printed: p50/p95, requests/s, the ratio to the reference, /proc/loadavg (the machine is shared:
// read the ratio). `--cpu-prof DIR` runs the server under `node --cpu-prof` (profile in DIR, written
// when it stops); `--only` measures one of the two parts, so that the profile shows that part alone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { insertRows, random } from "./lib/bulk.js";
import {
  mean,
  percentile,
  randomPort,
  rawGet,
  saveBytes,
  serverLaunch,
  startProcess,
} from "./lib/http-bench.js";
import { buildServer, ensureSyntheticData, liaisonEmail, SYNTHETIC_PASSWORD } from "./synthetic.js";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    rounds: { type: "string", default: "3" },
    answers: { type: "string", default: "10000" },
    runs: { type: "string", default: "15" },
    municipalities: { type: "string", default: "125" },
    "log-level": { type: "string", default: "info" },
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/" },
    "server-dir": { type: "string" },
    "no-build": { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
    only: { type: "string" },
    "closed-surveys": { type: "string", default: "0" },
    "closed-answers": { type: "string", default: "300" },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const answerCount = Number(values.answers);
const runs = Number(values.runs);
const closedSurveys = Number(values["closed-surveys"]);
const closedAnswers = Number(values["closed-answers"]);
const root = path.resolve(import.meta.dirname, "..");
const serverDir = path.resolve(values["server-dir"] ?? root);
const loadavg = () =>
  fs.readFileSync("/proc/loadavg", "utf8").trim().split(" ").slice(0, 3).join(" ");
/** High enough that 127.0.0.1 never meets it during the runs; production keeps its 30. */
const SURVEY_MAX_PER_ADDRESS = "100000000";

/** One autocannon run: requests/s, p50/p95 of every response's own time, other statuses. */
async function load(options, expected) {
  const latencies = [];
  const statuses = new Map();
  const loads = [];
  const sampler = setInterval(() => loads.push(os.loadavg()[0]), 1000);
  const instance = autocannon({ connections, duration, ...options });
  instance.on("response", (_client, status, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (status !== expected) {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  });
  const result = await instance;
  clearInterval(sampler);
  return {
    rps: result.requests.average,
    requests: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    others: [...statuses].map(([status, n]) => `${n}×${status}`).join(" "),
    errors: result.errors + result.timeouts,
    load: loads.length ? mean(loads) : os.loadavg()[0],
  };
}

const fmt = (run) =>
  `${run.rps.toFixed(0).padStart(6)} req/s  p50 ${run.p50.toFixed(0).padStart(4)} ms  p95 ${run.p95.toFixed(0).padStart(4)} ms`;

async function signIn(base, email) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: SYNTHETIC_PASSWORD }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in failed for ${email}: ${response.status} ${await response.text()}`);
  }
  const { csrfToken } = await response.json();
  return { cookie: response.headers.get("set-cookie")?.split(";")[0] ?? "", csrf: csrfToken };
}

async function openSurvey(base, session, instanceId) {
  const response = await fetch(`${base}/api/tool-instances/${instanceId}/survey`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie: session.cookie,
      "x-csrf-token": session.csrf,
    },
    body: "{}",
  });
  if (response.status !== 201) {
    throw new Error(`opening the survey failed: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

/** A plausible answer: every question answered, the comment one time in five. */
function answersFor(questions, rng) {
  const mood = rng.int(1, 5);
  const answers = {};
  for (const question of questions) {
    if (question.kind === "likert") {
      answers[question.code] = Math.min(5, Math.max(1, mood + rng.int(-1, 1)));
    } else if (question.kind === "choice") {
      answers[question.code] = rng.pick(question.options).value;
    } else if (rng.chance(0.2)) {
      answers[question.code] = rng.pick([
        "Me respondieron a tiempo y con la información completa.",
        "Tardé en encontrar la sección de obras públicas.",
        "Sería útil publicar los datos en Excel además de PDF.",
      ]);
    }
  }
  return answers;
}

if (!values["no-build"] && serverDir === root) {
  buildServer();
}
const name = `mrtm_bench_survey_${process.pid}`;
const maintenanceUrl = new URL(values["database-url"]);
maintenanceUrl.pathname = "/postgres";
const databaseUrl = new URL(values["database-url"]);
databaseUrl.pathname = `/${name}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-survey-"));
const stops = [];
let client;
try {
  const data = await ensureSyntheticData({
    build: false,
    municipalities: Number(values.municipalities),
    cycles: 2,
    databaseUrl: databaseUrl.toString(),
    log: () => {},
  });
  client = new pg.Client({ connectionString: data.databaseUrl });
  await client.connect();
  // Two M1 cycles of two municipalities that may still open their survey (not in review or
  // validated), each with its designated liaison.
  const instances = (
    await client.query(
      `select distinct on (municipality_cvegeo) id, municipality_cvegeo as cvegeo
         from tool_instances
        where tool_code = 'M1' and state not in ('submitted', 'validated')
        order by municipality_cvegeo, cycle desc
        limit 2`,
    )
  ).rows;
  if (instances.length < 2) {
    throw new Error("the synthetic data has fewer than two M1 cycles that can open a survey");
  }
  const [target, big] = instances;

  const mrtmPort = randomPort();
  const cpuProf = values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : null;
  const launch = serverLaunch(serverDir);
  const server = await startProcess(["dist/server/main.js"], {
    cwd: serverDir,
    env: {
      ...launch.env,
      DATABASE_URL: data.databaseUrl,
      PORT: String(mrtmPort),
      HOST: "127.0.0.1",
      MRTM_SEED_DEMO: "false",
      MRTM_JOBS: "off",
      MRTM_WORKERS: "1",
      MRTM_SURVEY_MAX_PER_ADDRESS: SURVEY_MAX_PER_ADDRESS,
      LOG_LEVEL: values["log-level"],
    },
    ready: "MRTM escuchando",
    nodeFlags: [
      ...launch.nodeFlags,
      ...(cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${cpuProf}`] : []),
    ],
  });
  stops.push(server);
  const base = `http://127.0.0.1:${mrtmPort}`;
  console.log(
    `M1 survey: ${values.municipalities} synthetic municipalities on PostgreSQL (${name}); server ${path.relative(process.cwd(), serverDir) || "."} (pid ${server.pid}, LOG_LEVEL=${values["log-level"]}, MRTM_WORKERS=1, MRTM_SURVEY_MAX_PER_ADDRESS=${SURVEY_MAX_PER_ADDRESS}); ${os.cpus().length} cores, node ${process.version}; load ${loadavg()}`,
  );

  if (values.only !== "results") {
    // ------------------------------------------------------------------ 1. answers under load
    const liaisonA = await signIn(base, liaisonEmail(target.cvegeo));
    const surveyA = await openSurvey(base, liaisonA, target.id);
    const form = await (await fetch(`${base}/api/public/surveys/${surveyA.token}`)).json();
    const body = JSON.stringify({ answers: answersFor(form.questions, random(1)) });
    const answerUrl = `${base}/api/public/surveys/${surveyA.token}/responses`;
    const first = await fetch(answerUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const browserCookie = first.headers.get("set-cookie")?.split(";")[0] ?? "";
    const again = await fetch(answerUrl, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: browserCookie },
      body,
    });
    console.log(
      `\nSurvey opened on ${target.cvegeo}'s M1 (${surveyA.url}); one answer: ${first.status}; the same browser again: ${again.status} ${(await again.json()).error?.code ?? ""}`,
    );
    if (first.status !== 201) {
      throw new Error(`the first answer was refused: ${first.status}`);
    }
    const [{ id: surveyIdA }] = (
      await client.query("select id from surveys where token = $1", [surveyA.token])
    ).rows;
    const referencePort = randomPort();
    stops.push(
      await startProcess(["bench/lib/survey-insert-server.js"], {
        cwd: root,
        env: {
          DATABASE_URL: data.databaseUrl,
          SURVEY_ID: surveyIdA,
          CVEGEO: target.cvegeo,
          PORT: String(referencePort),
        },
        ready: "listening",
      }),
    );
    const post = { method: "POST", headers: { "content-type": "application/json" }, body };
    console.log(
      `Answers under load (${connections} connections × ${duration} s, ${rounds} rounds, alternating):`,
    );
    const mine = [];
    const theirs = [];
    for (let round = 1; round <= rounds; round++) {
      const m = await load({ url: answerUrl, ...post }, 201);
      // What the server still had queued when the load ended is finished before the next run.
      await rawGet(`${base}/api/health`);
      const r = await load({ url: `http://127.0.0.1:${referencePort}/responses`, ...post }, 201);
      mine.push(m);
      theirs.push(r);
      console.log(
        `  round ${round}: MRTM ${fmt(m)} | ref ${fmt(r)} | ratio ${(m.rps / r.rps).toFixed(2)} | load ${mean([m.load, r.load]).toFixed(1)}${m.others || m.errors ? ` | MRTM other answers: ${m.others} ${m.errors ? `${m.errors} errors` : ""}` : ""}`,
      );
    }
    const answersRps = mean(mine.map((m) => m.rps));
    const answersP95 = Math.max(...mine.map((m) => m.p95));
    const answersRatio = answersRps / mean(theirs.map((r) => r.rps));
    const [{ n: stored }] = (
      await client.query("select count(*)::int as n from survey_responses where survey_id = $1", [
        surveyIdA,
      ])
    ).rows;
    console.log(
      `  mean: MRTM ${answersRps.toFixed(0)} req/s (p95, worst round, ${answersP95.toFixed(0)} ms), reference ${mean(theirs.map((r) => r.rps)).toFixed(0)} req/s: ratio ${answersRatio.toFixed(2)}; ${stored} answers stored in survey A`,
    );
    console.log(
      `  goal ≥ 0.5 × reference: ${answersRatio >= 0.5 ? "met" : "NOT met"}; p95 ≤ 50 ms: ${answersP95 <= 50 ? "met" : "NOT met"}`,
    );
  }
  if (values.only !== "answers") {
    // ------------------------------------------------------------------ 2. results of a big survey
    const liaisonB = await signIn(base, liaisonEmail(big.cvegeo));
    const surveyB = await openSurvey(base, liaisonB, big.id);
    const [rowB] = (
      await client.query("select id, questions, opened_at from surveys where token = $1", [
        surveyB.token,
      ])
    ).rows;
    const rng = random(2);
    const opened = new Date(rowB.opened_at).getTime() - 30 * 86_400_000;
    const answerRows = (surveyId, cvegeo, count) =>
      Array.from({ length: count }, (_, i) => [
        surveyId,
        cvegeo,
        JSON.stringify(answersFor(rowB.questions, rng)),
        rng.hex(32),
        new Date(opened + i * 1000).toISOString(),
      ]);
    const rows = answerRows(rowB.id, big.cvegeo, answerCount);
    // --closed-surveys: other municipalities' closed surveys, whose indexes make the comparison's
    // regional median (each one's answers are read and summed on every read of the results).
    const closed = (
      await client.query(
        `select distinct on (municipality_cvegeo) id, municipality_cvegeo as cvegeo
           from tool_instances
          where tool_code = 'M1' and municipality_cvegeo <> all($1)
          order by municipality_cvegeo, cycle desc
          limit $2`,
        [[target.cvegeo, big.cvegeo], closedSurveys],
      )
    ).rows.map((instance) => ({ ...instance, surveyId: rng.uuid() }));
    const [{ id: openedBy }] = (await client.query("select id from users limit 1")).rows;
    await insertRows(
      client,
      "surveys",
      [
        ["id", "uuid"],
        ["tool_instance_id", "uuid"],
        ["municipality_cvegeo", "text"],
        ["token", "text"],
        ["questions", "text", "jsonb"],
        ["privacy_notice", "text"],
        ["opened_at", "timestamptz"],
        ["opened_by", "uuid"],
        ["status", "text", "survey_status"],
        ["closed_at", "timestamptz"],
        ["closed_by", "uuid"],
      ],
      closed.map((survey) => [
        survey.surveyId,
        survey.id,
        survey.cvegeo,
        rng.hex(18),
        JSON.stringify(rowB.questions),
        "Aviso de privacidad.",
        new Date(opened).toISOString(),
        openedBy,
        "closed",
        new Date(opened + 20 * 86_400_000).toISOString(),
        openedBy,
      ]),
    );
    for (const survey of closed) {
      rows.push(...answerRows(survey.surveyId, survey.cvegeo, closedAnswers));
    }
    await insertRows(
      client,
      "survey_responses",
      [
        ["survey_id", "uuid"],
        ["municipality_cvegeo", "text"],
        ["answers", "text", "jsonb"],
        ["browser_key", "text"],
        ["submitted_at", "timestamptz"],
      ],
      rows,
    );
    await client.query("analyze survey_responses");
    const resultsUrl = `${base}/api/tool-instances/${big.id}/survey`;
    const headers = { cookie: liaisonB.cookie, "accept-encoding": "gzip" };
    const sample = await rawGet(resultsUrl, headers);
    if (sample.status !== 200) {
      throw new Error(`the results read answered ${sample.status}: ${sample.body}`);
    }
    const bytesDir = path.join(work, "bytes");
    fs.mkdirSync(bytesDir);
    saveBytes(bytesDir, "results", sample);
    const bytesPort = randomPort();
    stops.push(
      await startProcess(["bench/lib/bytes-server.js"], {
        cwd: root,
        env: { BYTES_DIR: bytesDir, PORT: String(bytesPort) },
        ready: "listening",
      }),
    );
    const timed = async (url, requestHeaders) => {
      const start = process.hrtime.bigint();
      const response = await rawGet(url, requestHeaders);
      if (response.status !== 200) {
        throw new Error(`${url} answered ${response.status}`);
      }
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const readTimes = [];
    const referenceTimes = [];
    for (let run = 0; run <= runs; run++) {
      const m = await timed(resultsUrl, headers);
      const r = await timed(`http://127.0.0.1:${bytesPort}/results`, { "accept-encoding": "gzip" });
      if (run > 0) {
        readTimes.push(m);
        referenceTimes.push(r);
      }
    }
    const summary = (times) =>
      `p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms  (${(1000 / mean(times)).toFixed(1)} req/s one at a time)`;
    const readP50 = percentile(readTimes, 50);
    console.log(
      `\nResults of a survey with ${answerCount} answers (${big.cvegeo}; ${closed.length} other closed surveys of ${closedAnswers} answers in the region, GET /api/tool-instances/:id/survey as its liaison, ${sample.body.length} B ${sample.headers["content-encoding"] ?? "identity"}), ${runs} runs after one warm-up, alternating:`,
    );
    console.log(`  MRTM       ${summary(readTimes)}`);
    console.log(`  reference  ${summary(referenceTimes)}   (bare Fastify, the same bytes)`);
    console.log(
      `  ratio of p50 ${(readP50 / percentile(referenceTimes, 50)).toFixed(1)} ×; goal ≤ 200 ms: ${readP50 <= 200 ? "met" : "NOT met"} (p50), ${percentile(readTimes, 95) <= 200 ? "met" : "NOT met"} (p95); load ${loadavg()}`,
    );
  }
} finally {
  for (const process of stops.reverse()) {
    await process.stop();
  }
  await client?.end();
  fs.rmSync(work, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: maintenanceUrl.toString() });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
