#!/usr/bin/env node
// National-scale synthetic data for the benchmarks, on PostgreSQL.
//
//   node bench/synthetic.js [--municipalities 2500] [--cycles 5] [--cohort-years N]
//                           [--seed 1] [--database-url postgres://…] [--force]
//
// Creates (or reuses, when its fingerprint matches) a database with the real migrations and seed,
// then N synthetic municipalities (INEGI-shaped keys outside the State of Mexico's 15xxx) that take
// part through agreements in several cohorts, every tool instance the app's own planning
// (plannedInstances) gives them up to today, a realistic mix of states with the history behind
// each (evidence metadata, submissions, reviews, observations and answers), a liaison and a
// collaborator per municipality, institution staff, and support actions with invitations,
// attendance, minutes, baselines and commitments. See bench/README.md.
//
// Importable: `import { ensureSyntheticData } from "./synthetic.js"` returns the database URL and
// the accounts to sign in with (every synthetic account shares SYNTHETIC_PASSWORD).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { insertRows, random } from "./lib/bulk.js";

const root = path.resolve(import.meta.dirname, "..");
/** Bump when the generator's output changes: databases made by an older version are remade. */
const GENERATOR_VERSION = 1;
const COMMENT_PREFIX = "mrtm-synthetic";

export const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/mrtm_bench_synthetic";
/** The password of every synthetic account (one Argon2id hash shared by all of them). */
export const SYNTHETIC_PASSWORD = "Sintetico-MRTM-2026";
export const SYNTHETIC_ACCOUNTS = {
  admin: "admin.01@sintetico.mrtm.test",
  reviewer: "revisor.01@sintetico.mrtm.test",
};
/** The liaison of the n-th synthetic municipality (0-based), for benchmarks that need one. */
export const liaisonEmail = (cvegeo) => `enlace.${cvegeo}@sintetico.mrtm.test`;

/** The first synthetic municipality with an agreement (by key): the one whose reads benches measure. */
export async function firstSyntheticAgreement(client) {
  const { rows } = await client.query(
    "select municipality_cvegeo as cvegeo from agreements where municipality_cvegeo not like '15%' order by 1 limit 1",
  );
  return rows[0].cvegeo;
}

const DAY = 86_400_000;

/** Builds the server (tsc, incremental) so its migrations, seed and planning can be imported. */
export function buildServer() {
  const result = spawnSync("npm", ["run", "--silent", "build:server"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0 && !fs.existsSync(path.join(root, "dist/server/db/client.js"))) {
    throw new Error("npm run build:server failed");
  }
}

async function loadServer() {
  const dist = (file) => pathToFileURL(path.join(root, "dist", file)).href;
  const [client, seed, modelQueries, deadlines, dates, text, passwords] = await Promise.all([
    import(dist("server/db/client.js")),
    import(dist("server/seed/index.js")),
    import(dist("server/modules/model/queries.js")),
    import(dist("domain/deadlines.js")),
    import(dist("domain/dates.js")),
    import(dist("domain/text.js")),
    import(dist("server/lib/passwords.js")),
  ]);
  return {
    openDatabase: client.openDatabase,
    seedReferenceData: seed.seedReferenceData,
    loadContent: modelQueries.loadContent,
    plannedInstances: deadlines.plannedInstances,
    addMonths: dates.addMonths,
    localDateOf: dates.localDateOf,
    compareDates: dates.compareDates,
    foldForSearch: text.foldForSearch,
    hashPassword: passwords.hashPassword,
  };
}

function fingerprintOf(options) {
  const journal = JSON.parse(
    fs.readFileSync(path.join(root, "drizzle/meta/_journal.json"), "utf8"),
  );
  return createHash("sha256")
    .update(
      JSON.stringify({
        version: GENERATOR_VERSION,
        municipalities: options.municipalities,
        cycles: options.cycles,
        cohortYears: options.cohortYears,
        seed: options.seed,
        migrations: journal.entries.map((entry) => entry.tag),
      }),
    )
    .digest("hex")
    .slice(0, 16);
}

/** The options in the database's comment, readable: what a refusal names. */
function describeOptions(options) {
  return `municipios=${options.municipalities} ciclos=${options.cycles} cohortes=${options.cohortYears} semilla=${options.seed}`;
}

/**
 * The default database holds the default options' data; other options get a database of their
 * own beside it (`mrtm_bench_synthetic_125x3_y3_s1`), so switching options keeps both.
 */
function databaseUrlFor(options) {
  const standard =
    options.municipalities === 2500 &&
    options.cycles === 5 &&
    options.cohortYears === 5 &&
    options.seed === 1;
  if (options.databaseUrl !== DEFAULT_DATABASE_URL || standard) {
    return options.databaseUrl;
  }
  const url = new URL(DEFAULT_DATABASE_URL);
  url.pathname = `${url.pathname}_${options.municipalities}x${options.cycles}_y${options.cohortYears}_s${options.seed}`;
  return url.toString();
}

/** Why a database made by the generator is made again (printed, never silent). */
function remakeReason(comment, force) {
  if (force) {
    return "--force";
  }
  if (comment === `${COMMENT_PREFIX} incomplete`) {
    return "una generación anterior no terminó";
  }
  return "cambiaron las migraciones o el generador";
}

/** Connects to the server's maintenance database, next to the target one. */
async function maintenance(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    throw new Error(`Database name must be letters, digits or _: ${name}`);
  }
  target.pathname = "/postgres";
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  return { client, name };
}

/**
 * Makes sure the synthetic database exists with data for these options, generating it when
 * missing or different. Returns where it is and who can sign in.
 */
export async function ensureSyntheticData(input = {}) {
  const options = {
    municipalities: input.municipalities ?? 2500,
    cycles: input.cycles ?? 5,
    cohortYears: input.cohortYears ?? input.cycles ?? 5,
    seed: input.seed ?? 1,
    databaseUrl: input.databaseUrl ?? DEFAULT_DATABASE_URL,
    force: input.force ?? false,
    build: input.build ?? true,
    log: input.log ?? ((line) => console.log(line)),
  };
  if (options.cohortYears < 1 || options.cohortYears > options.cycles) {
    throw new Error("--cohort-years must be between 1 and --cycles");
  }
  const { log } = options;
  options.databaseUrl = databaseUrlFor(options);
  const fingerprint = fingerprintOf(options);
  const recorded = `${COMMENT_PREFIX} ${fingerprint} ${describeOptions(options)}`;
  const started = process.hrtime.bigint();
  const { client: admin, name } = await maintenance(options.databaseUrl);
  try {
    const [existing] = (
      await admin.query(
        "select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1",
        [name],
      )
    ).rows;
    const comment = existing?.comment ?? "";
    if (existing && comment === recorded && !options.force) {
      const counts = await countRows(options.databaseUrl);
      log(`Datos sintéticos reutilizados: ${name} (${describeOptions(options)}).`);
      return result(options, fingerprint, true, counts, started);
    }
    if (existing) {
      if (!comment.startsWith(COMMENT_PREFIX) && (await hasTables(options.databaseUrl))) {
        throw new Error(
          `La base ${name} ya existe y no la creó este generador: no se toca. Use otra --database-url.`,
        );
      }
      // Never drop data made for other options without being asked: a benchmark run with other
      // options would otherwise silently destroy (and spend minutes remaking) another's data.
      const made = comment.split(" ").slice(2).join(" ");
      if (!options.force && made && made !== describeOptions(options)) {
        throw new Error(
          `La base ${name} tiene datos sintéticos de otras opciones (${made}); se pidieron ${describeOptions(options)}. Use otra --database-url, o --force para rehacerla.`,
        );
      }
      log(`Rehaciendo la base ${name}: ${remakeReason(comment, options.force)}…`);
      await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [name],
      );
      await admin.query(`drop database "${name}"`);
    }
    await admin.query(`create database "${name}"`);
    await admin.query(`comment on database "${name}" is '${COMMENT_PREFIX} incomplete'`);
  } finally {
    await admin.end();
  }

  if (options.build) {
    buildServer();
  }
  const server = await loadServer();
  const handle = await server.openDatabase({ kind: "postgres", url: options.databaseUrl });
  try {
    await handle.migrate(() => server.seedReferenceData(handle.db));
  } finally {
    await handle.close();
  }
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  let counts;
  try {
    await generate(client, server, options, log);
    log("ANALYZE…");
    await client.query("analyze");
    counts = await countRows(options.databaseUrl);
  } finally {
    await client.end();
  }
  const { client: again } = await maintenance(options.databaseUrl);
  try {
    await again.query(`comment on database "${name}" is '${recorded}'`);
  } finally {
    await again.end();
  }
  return result(options, fingerprint, false, counts, started);
}

function result(options, fingerprint, reused, counts, started) {
  return {
    databaseUrl: options.databaseUrl,
    fingerprint,
    reused,
    counts,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    password: SYNTHETIC_PASSWORD,
    accounts: SYNTHETIC_ACCOUNTS,
  };
}

async function hasTables(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select count(*)::int as n from information_schema.tables where table_schema = 'public'",
    );
    return rows[0].n > 0;
  } finally {
    await client.end();
  }
}

const COUNTED = [
  "municipalities",
  "agreements",
  "users",
  "tool_instances",
  "evidence_files",
  "submissions",
  "reviews",
  "observations",
  "support_actions",
  "support_action_invitations",
  "commitments",
];

async function countRows(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts = {};
    for (const table of COUNTED) {
      counts[table] = (await client.query(`select count(*)::int as n from "${table}"`)).rows[0].n;
    }
    counts.participants = counts.agreements;
    return counts;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The data

const STATES = Array.from({ length: 32 }, (_, i) => String(i + 1).padStart(2, "0")).filter(
  (code) => code !== "15",
);
const PREFIXES = [
  "San Juan",
  "San Pedro",
  "Santa María",
  "San Miguel",
  "Santiago",
  "San Andrés",
  "San Francisco",
  "Santa Cruz",
  "San José",
  "San Pablo",
  "Santo Domingo",
  "San Martín",
  "Villa de",
  "Heroica",
  "Ciudad",
  "",
];
const ROOTS = [
  "Tlalixtac",
  "Zapotitlán",
  "Atoyac",
  "Chicomuselo",
  "Huehuetlán",
  "Ixtapan",
  "Jalpan",
  "Mazatepec",
  "Nopala",
  "Ocotlán",
  "Pánuco",
  "Quechultenango",
  "Romita",
  "Sayula",
  "Tecomatlán",
  "Uruapan",
  "Valparaíso",
  "Xalatlaco",
  "Yecapixtla",
  "Zacualpan",
  "Acatzingo",
  "Bacalar",
  "Cuautla",
  "Dzidzantún",
  "Etzatlán",
  "Guachochi",
  "Hunucmá",
  "Iguala",
  "Juchitán",
  "Lerdo",
  "Matehuala",
  "Nochistlán",
  "Ozuluama",
  "Pinotepa",
  "Río Grande",
  "Tlacotalpan",
  "Tepatitlán",
  "Xicoténcatl",
  "Zongolica",
  "Apaseo",
  "Comitán",
  "Motul",
  "Tlapa",
  "Santa Ana",
  "Cosalá",
  "Tequila",
  "Magdalena",
  "Jiménez",
];
const FIRST_NAMES = [
  "Ana",
  "Luis",
  "María",
  "José",
  "Guadalupe",
  "Juan",
  "Rosa",
  "Carlos",
  "Leticia",
  "Miguel",
  "Patricia",
  "Jorge",
];
const LAST_NAMES = [
  "López",
  "Hernández",
  "García",
  "Martínez",
  "González",
  "Pérez",
  "Rodríguez",
  "Sánchez",
  "Ramírez",
  "Cruz",
  "Flores",
  "Gómez",
];
const POSITIONS = [
  "Titular de la Unidad de Transparencia",
  "Secretario del Ayuntamiento",
  "Contralora municipal",
  "Director de Administración",
  "Auxiliar de transparencia",
];
const OBSERVATION_TEXTS = [
  "El documento no está firmado por la autoridad competente.",
  "Falta el acta de cabildo que aprueba el documento.",
  "El plan no incluye indicadores ni metas medibles.",
  "Se requiere la evidencia de difusión al interior del ayuntamiento.",
  "La versión pública no protege los datos personales.",
  "El calendario de actividades no cubre el ejercicio completo.",
];
const OBSERVATION_TYPES = ["observacion", "recomendacion", "requerimiento"];

const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);
const dateMs = (date) => Date.parse(`${date}T18:00:00Z`);

async function generate(client, server, options, log) {
  const rnd = random(options.seed);
  const now = new Date();
  const nowMs = now.getTime();
  const today = server.localDateOf(now);
  const step = (label, started) =>
    log(`  ${label.padEnd(44)}${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`);
  let t = Date.now();

  // The model in force (seeded): its content drives planning, its tools' ids the instances.
  const version = (
    await client.query(
      "select id, label from model_versions where version is not null order by version desc limit 1",
    )
  ).rows[0];
  const content = await loadModelContent(server, options.databaseUrl, version);
  const toolRows = (
    await client.query(
      "select id, code, period_kind from model_tools where model_version_id = $1",
      [version.id],
    )
  ).rows;
  const toolByCode = new Map(toolRows.map((row) => [row.code, row]));
  const maturityTools = new Set(
    content.dimensions.flatMap((d) =>
      d.tools
        .filter((tool) => tool.criteria.length > 0 || tool.maturityLevels.length > 0)
        .map((tool) => tool.code),
    ),
  );

  // One Argon2id hash for every synthetic account: hashing thousands would take minutes.
  const passwordHash = await server.hashPassword(SYNTHETIC_PASSWORD);

  // Municipalities: spread over the 31 other states, 3-digit keys from 001.
  const municipalities = [];
  for (let i = 0; i < options.municipalities; i++) {
    const state = STATES[i % STATES.length];
    const number = String(Math.floor(i / STATES.length) + 1).padStart(3, "0");
    const prefix = PREFIXES[(i * 7 + Math.floor(i / 13)) % PREFIXES.length];
    const rootName = ROOTS[(i * 11 + Math.floor(i / 31)) % ROOTS.length];
    const name = prefix ? `${prefix} ${rootName}` : rootName;
    municipalities.push({
      cvegeo: `${state}${number}`,
      state,
      number,
      name,
      population: Math.round(Math.exp(rnd.between(Math.log(2000), Math.log(1_500_000)))),
      // How diligent it is: drives how much it has validated.
      diligence: rnd.between(0.25, 0.95),
    });
  }
  await insertRows(
    client,
    "municipalities",
    [
      ["cvegeo", "text"],
      ["state_code", "text"],
      ["cve_mun", "text"],
      ["name", "text"],
      ["name_folded", "text"],
      ["population_2020", "int"],
    ],
    municipalities.map((m) => [
      m.cvegeo,
      m.state,
      m.number,
      m.name,
      server.foldForSearch(m.name),
      m.population,
    ]),
  );
  step(`${municipalities.length} municipios`, t);
  t = Date.now();

  // Staff: reviewers (1 per 100 municipalities, at least 5) and two admins.
  const reviewers = Array.from(
    { length: Math.max(5, Math.ceil(options.municipalities / 100)) },
    (_, i) => ({
      id: rnd.uuid(),
      email: `revisor.${String(i + 1).padStart(2, "0")}@sintetico.mrtm.test`,
      name: `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)} (revisión)`,
      role: "reviewer",
    }),
  );
  const admins = [1, 2].map((i) => ({
    id: rnd.uuid(),
    email: `admin.${String(i).padStart(2, "0")}@sintetico.mrtm.test`,
    name: `Administración ${i}`,
    role: "admin",
  }));

  // Cohorts: one per year over the last `cohortYears` of `cycles` years, the oldest the largest.
  // A cohort signed k years later than the first has k fewer yearly cycles open today.
  const cohorts = [];
  for (let k = 0; k < options.cohortYears; k++) {
    const yearsAgo = options.cycles - k;
    const signed = server.addMonths(today, -12 * yearsAgo);
    const signedOn = isoDate(dateMs(signed) + rnd.int(20, 320) * DAY);
    cohorts.push({
      name: `Cohorte ${signedOn.slice(0, 4)}`,
      signedOn,
      weight: options.cohortYears - k,
    });
  }
  // Two cohorts in one calendar year get distinct names.
  cohorts.forEach((cohort, i) => {
    if (cohorts.findIndex((c) => c.name === cohort.name) !== i) {
      cohort.name = `${cohort.name}-${i + 1}`;
    }
  });
  const totalWeight = cohorts.reduce((sum, c) => sum + c.weight, 0);
  const agreements = [];
  const liaisons = [];
  const collaborators = [];
  for (const m of municipalities) {
    const cohort = pickWeighted(cohorts, rnd.next() * totalWeight);
    m.cohort = cohort;
    m.agreementId = rnd.uuid();
    m.liaison = {
      id: rnd.uuid(),
      email: liaisonEmail(m.cvegeo),
      name: `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)} ${rnd.pick(LAST_NAMES)}`,
      role: "liaison",
      municipality: m.cvegeo,
    };
    m.collaborator = {
      id: rnd.uuid(),
      email: `colaborador.${m.cvegeo}@sintetico.mrtm.test`,
      name: `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`,
      role: "collaborator",
      municipality: m.cvegeo,
    };
    liaisons.push(m.liaison);
    collaborators.push(m.collaborator);
    agreements.push([
      m.agreementId,
      m.cvegeo,
      cohort.signedOn,
      cohort.name,
      version.id,
      new Date(dateMs(cohort.signedOn)).toISOString(),
    ]);
  }
  const everyone = [...admins, ...reviewers, ...liaisons, ...collaborators];
  await insertRows(
    client,
    "users",
    [
      ["id", "uuid"],
      ["email", "text"],
      ["name", "text"],
      ["role", "text", "role"],
      ["municipality_cvegeo", "text"],
      ["password_hash", "text"],
    ],
    everyone.map((u) => [u.id, u.email, u.name, u.role, u.municipality ?? null, passwordHash]),
  );
  await insertRows(
    client,
    "agreements",
    [
      ["id", "uuid"],
      ["municipality_cvegeo", "text"],
      ["signed_on", "date"],
      ["cohort", "text"],
      ["model_version_id", "uuid"],
      ["created_at", "timestamptz"],
    ],
    agreements,
  );
  await insertRows(
    client,
    "liaison_designations",
    [
      ["municipality_cvegeo", "text"],
      ["user_id", "uuid"],
      ["designated_on", "date"],
    ],
    municipalities.map((m) => [
      m.cvegeo,
      m.liaison.id,
      isoDate(dateMs(m.cohort.signedOn) + rnd.int(5, 40) * DAY),
    ]),
  );
  step(
    `${everyone.length} cuentas, ${agreements.length} convenios en ${cohorts.length} cohortes`,
    t,
  );
  t = Date.now();

  // Tool instances (the app's planning) and the history behind each one's state.
  const rows = {
    instances: [],
    evidence: [],
    submissions: [],
    reviews: [],
    observations: [],
  };
  const stateCounts = {};
  for (const m of municipalities) {
    const planned = server.plannedInstances(content, m.cohort.signedOn, today);
    for (const instance of planned) {
      const tool = toolByCode.get(instance.tool);
      if (!tool) {
        continue;
      }
      let deadline = instance.deadline;
      if (tool.period_kind === "project" && rnd.chance(0.6)) {
        deadline = server.addMonths(m.cohort.signedOn, rnd.int(12, 24));
      }
      const id = rnd.uuid();
      const opensMs = dateMs(instance.opensOn);
      const history =
        tool.period_kind === "on_agreement"
          ? { state: "validated", validatedAt: opensMs, firstSubmittedAt: null, maturity: null }
          : simulate(rnd, rows, {
              id,
              municipality: m,
              opensMs,
              deadlineMs: deadline ? dateMs(deadline) : null,
              nowMs,
              reviewers,
              measured: maturityTools.has(instance.tool),
              toolCode: instance.tool,
            });
      stateCounts[history.state] = (stateCounts[history.state] ?? 0) + 1;
      rows.instances.push([
        id,
        m.cvegeo,
        m.agreementId,
        tool.id,
        instance.tool,
        instance.part,
        instance.cycle,
        instance.opensOn,
        deadline,
        history.state,
        history.version ?? 1,
        history.firstSubmittedAt ? new Date(history.firstSubmittedAt).toISOString() : null,
        history.validatedAt ? new Date(history.validatedAt).toISOString() : null,
        history.maturity,
        new Date(opensMs).toISOString(),
        new Date(history.updatedAt ?? opensMs).toISOString(),
      ]);
    }
  }
  await insertRows(
    client,
    "tool_instances",
    [
      ["id", "uuid"],
      ["municipality_cvegeo", "text"],
      ["agreement_id", "uuid"],
      ["model_tool_id", "uuid"],
      ["tool_code", "text"],
      ["part_code", "text"],
      ["cycle", "int"],
      ["opens_on", "date"],
      ["deadline", "date"],
      ["state", "text", "tool_state"],
      ["version", "int"],
      ["first_submitted_at", "timestamptz"],
      ["validated_at", "timestamptz"],
      ["maturity", "float8"],
      ["created_at", "timestamptz"],
      ["updated_at", "timestamptz"],
    ],
    rows.instances,
  );
  step(`${rows.instances.length} instancias de herramientas`, t);
  t = Date.now();
  await insertRows(
    client,
    "evidence_files",
    [
      ["id", "uuid"],
      ["tool_instance_id", "uuid"],
      ["municipality_cvegeo", "text"],
      ["version", "int"],
      ["blob_key", "text"],
      ["sha256", "text"],
      ["size", "bigint"],
      ["mime", "text"],
      ["file_name", "text"],
      ["effective_on", "date"],
      ["uploaded_by", "uuid"],
      ["uploaded_at", "timestamptz"],
    ],
    rows.evidence,
  );
  await insertRows(
    client,
    "submissions",
    [
      ["id", "uuid"],
      ["tool_instance_id", "uuid"],
      ["evidence_ids", "jsonb"],
      ["submitted_by", "uuid"],
      ["submitted_at", "timestamptz"],
    ],
    rows.submissions,
  );
  await insertRows(
    client,
    "reviews",
    [
      ["id", "uuid"],
      ["tool_instance_id", "uuid"],
      ["submission_id", "uuid"],
      ["decision", "text", "review_decision"],
      ["maturity_level", "int"],
      ["reviewer_id", "uuid"],
      ["decided_at", "timestamptz"],
    ],
    rows.reviews,
  );
  await insertRows(
    client,
    "observations",
    [
      ["review_id", "uuid"],
      ["tool_instance_id", "uuid"],
      ["position", "int"],
      ["type", "text", "observation_type"],
      ["text", "text"],
      ["answer", "text"],
      ["answered_by", "uuid"],
      ["answered_at", "timestamptz"],
    ],
    rows.observations,
  );
  step(
    `historial: ${rows.evidence.length} evidencias, ${rows.submissions.length} envíos, ${rows.reviews.length} revisiones, ${rows.observations.length} observaciones`,
    t,
  );
  log(
    `  estados: ${Object.entries(stateCounts)
      .map(([state, n]) => `${state} ${n}`)
      .join(", ")}`,
  );
  t = Date.now();

  const actions = supportActions(rnd, municipalities, reviewers, content, nowMs);
  await insertRows(
    client,
    "support_actions",
    [
      ["id", "uuid"],
      ["type", "text", "support_action_type"],
      ["title", "text"],
      ["description", "text"],
      ["starts_at", "timestamptz"],
      ["duration_minutes", "int"],
      ["modality", "text", "support_modality"],
      ["place", "text"],
      ["link", "text"],
      ["status", "text", "support_action_status"],
      ["minutes", "text"],
      ["held_on", "date"],
      ["cancel_reason", "text"],
      ["revision", "int"],
      ["created_by", "uuid"],
      ["created_at", "timestamptz"],
      ["updated_at", "timestamptz"],
    ],
    actions.actions,
  );
  const pairs = (name, type) => [
    ["action_id", "uuid"],
    [name, type],
  ];
  await insertRows(
    client,
    "support_action_facilitators",
    pairs("user_id", "uuid"),
    actions.facilitators,
  );
  await insertRows(client, "support_action_tools", pairs("tool_code", "text"), actions.tools);
  await insertRows(
    client,
    "support_action_invitations",
    pairs("municipality_cvegeo", "text"),
    actions.invitations,
  );
  await insertRows(
    client,
    "support_action_baselines",
    [
      ["action_id", "uuid"],
      ["municipality_cvegeo", "text"],
      ["tool_code", "text"],
      ["state", "text"],
    ],
    actions.baselines,
  );
  await insertRows(
    client,
    "support_action_attendees",
    [
      ["action_id", "uuid"],
      ["municipality_cvegeo", "text"],
      ["name", "text"],
      ["position", "text"],
    ],
    actions.attendees,
  );
  await insertRows(
    client,
    "commitments",
    [
      ["action_id", "uuid"],
      ["description", "text"],
      ["municipality_cvegeo", "text"],
      ["owner_name", "text"],
      ["due_on", "date"],
      ["status", "text", "commitment_status"],
      ["closing_note", "text"],
      ["closed_at", "timestamptz"],
    ],
    actions.commitments,
  );
  step(`${actions.actions.length} acciones de acompañamiento`, t);
}

/** The item whose cumulative weight first exceeds `at` (0 ≤ at < total weight). */
function pickWeighted(items, at) {
  let left = at;
  for (const item of items) {
    left -= item.weight;
    if (left < 0) {
      return item;
    }
  }
  return items[items.length - 1];
}

async function loadModelContent(server, url, version) {
  const handle = await server.openDatabase({ kind: "postgres", url });
  try {
    return await server.loadContent(handle.db, version.id, version.label);
  } finally {
    await handle.close();
  }
}

/**
 * One instance's life up to now: a state drawn from the municipality's diligence and whether its
 * deadline has passed, and the uploads, submissions, reviews and observations that lead to it.
 */
function simulate(
  rnd,
  rows,
  { id, municipality, opensMs, deadlineMs, nowMs, reviewers, measured, toolCode },
) {
  const due = deadlineMs !== null && deadlineMs < nowMs;
  const p = municipality.diligence;
  let state;
  if (rnd.chance(due ? p : p * 0.35)) {
    state = "validated";
  } else {
    const roll = rnd.next();
    state = due
      ? roll < 0.3
        ? "pending"
        : roll < 0.6
          ? "in_progress"
          : roll < 0.82
            ? "changes_requested"
            : "submitted"
      : roll < 0.45
        ? "pending"
        : roll < 0.78
          ? "in_progress"
          : roll < 0.92
            ? "submitted"
            : "changes_requested";
  }
  if (state === "pending") {
    return { state, firstSubmittedAt: null, validatedAt: null, maturity: null };
  }
  const span = Math.max(DAY, nowMs - opensMs);
  const clamp = (ms) => Math.min(ms, nowMs - rnd.int(1, 600) * 60_000);
  // When work starts: early in the window for diligent municipalities.
  let clock = clamp(opensMs + rnd.between(0.05, 0.6) * span * (1.1 - p));
  const uploaders = [municipality.liaison.id, municipality.collaborator.id];
  const evidence = [];
  const upload = () => {
    const evidenceId = rnd.uuid();
    evidence.push(evidenceId);
    rows.evidence.push([
      evidenceId,
      id,
      municipality.cvegeo,
      evidence.length,
      `synthetic/${evidenceId}`,
      rnd.hex(32),
      rnd.int(40_000, 8_000_000),
      "application/pdf",
      `evidencia-${toolCode.toLowerCase()}-v${evidence.length}.pdf`,
      isoDate(clock),
      rnd.pick(uploaders),
      new Date(clock).toISOString(),
    ]);
  };
  upload();
  if (rnd.chance(0.3)) {
    clock = clamp(clock + rnd.int(1, 20) * DAY);
    upload();
  }
  if (state === "in_progress") {
    return {
      state,
      firstSubmittedAt: null,
      validatedAt: null,
      maturity: null,
      updatedAt: clock,
      version: 2,
    };
  }
  // Rounds of review: returned with observations (answered, except the last when that is the state).
  const returns = state === "changes_requested" ? rnd.int(1, 3) : rnd.int(0, 2);
  let firstSubmittedAt = null;
  let validatedAt = null;
  let version = 2;
  let maturity = null;
  const submit = () => {
    clock = clamp(clock + rnd.int(1, 15) * DAY);
    const submissionId = rnd.uuid();
    rows.submissions.push([
      submissionId,
      id,
      JSON.stringify(evidence),
      municipality.liaison.id,
      new Date(clock).toISOString(),
    ]);
    firstSubmittedAt ??= clock;
    version += 1;
    return submissionId;
  };
  const review = (submissionId, decision) => {
    clock = clamp(clock + rnd.int(2, 25) * DAY);
    const reviewId = rnd.uuid();
    const level =
      measured && toolCode === "P2" ? rnd.int(decision === "validated" ? 2 : 0, 3) : null;
    rows.reviews.push([
      reviewId,
      id,
      submissionId,
      decision,
      level,
      rnd.pick(reviewers).id,
      new Date(clock).toISOString(),
    ]);
    version += 1;
    if (measured) {
      maturity =
        decision === "validated" ? rnd.pick([0.75, 0.875, 1]) : rnd.pick([0.25, 0.375, 0.5]);
    }
    return { reviewId, at: clock };
  };
  for (let round = 0; round < returns; round++) {
    const { reviewId, at } = review(submit(), "changes_requested");
    const last = round === returns - 1 && state === "changes_requested";
    const count = rnd.int(1, 3);
    for (let position = 0; position < count; position++) {
      const answered = !last || rnd.chance(0.3);
      const answeredAt = answered ? clamp(at + rnd.int(1, 10) * DAY) : null;
      rows.observations.push([
        reviewId,
        id,
        position,
        rnd.pick(OBSERVATION_TYPES),
        rnd.pick(OBSERVATION_TEXTS),
        answered ? "Se atiende la observación con la nueva versión del documento." : null,
        answered ? municipality.liaison.id : null,
        answeredAt ? new Date(answeredAt).toISOString() : null,
      ]);
    }
    if (!last) {
      clock = clamp(clock + rnd.int(3, 25) * DAY);
      upload();
    }
  }
  if (state === "submitted") {
    submit();
  } else if (state === "validated") {
    review(submit(), "validated");
    validatedAt = clock;
  }
  return { state, firstSubmittedAt, validatedAt, maturity, updatedAt: clock, version };
}

/** A few support actions a year per hundred municipalities: trainings, meetings, advisory. */
function supportActions(rnd, municipalities, reviewers, content, nowMs) {
  const tools = content.dimensions
    .flatMap((d) => d.tools.map((t) => t.code))
    .filter((c) => c !== "E1");
  const out = {
    actions: [],
    facilitators: [],
    tools: [],
    invitations: [],
    baselines: [],
    attendees: [],
    commitments: [],
  };
  const count = Math.max(10, Math.round(municipalities.length / 25));
  const earliest = Math.min(...municipalities.map((m) => dateMs(m.cohort.signedOn)));
  for (let i = 0; i < count; i++) {
    const id = rnd.uuid();
    const type = rnd.pick(["training", "training", "working_meeting", "advisory"]);
    const startsMs =
      Math.floor(rnd.between(earliest + 30 * DAY, nowMs + 90 * DAY) / 3_600_000) * 3_600_000;
    const past = startsMs < nowMs;
    const status = past
      ? rnd.chance(0.85)
        ? "held"
        : "cancelled"
      : rnd.chance(0.9)
        ? "planned"
        : "cancelled";
    const modality = rnd.pick(["in_person", "virtual", "hybrid"]);
    const addressed = [...new Set(Array.from({ length: rnd.int(1, 3) }, () => rnd.pick(tools)))];
    const group = type === "training" ? rnd.int(5, 30) : type === "advisory" ? rnd.int(1, 3) : 1;
    const invited = [...new Set(Array.from({ length: group }, () => rnd.pick(municipalities)))];
    const facilitator = rnd.pick(reviewers);
    const createdMs = Math.min(startsMs - rnd.int(7, 40) * DAY, nowMs);
    out.actions.push([
      id,
      type,
      `${type === "training" ? "Capacitación" : type === "advisory" ? "Asesoría" : "Reunión de trabajo"}: ${addressed.join(", ")}`,
      "Acción sintética para pruebas de rendimiento.",
      new Date(startsMs).toISOString(),
      rnd.pick([60, 90, 120, 180]),
      modality,
      modality === "virtual" ? null : "Sala de capacitación del órgano garante",
      modality === "in_person" ? null : "https://reuniones.example.org/sintetica",
      status,
      status === "held"
        ? "Se revisaron los requisitos de las herramientas y se acordaron fechas."
        : null,
      status === "held" ? isoDate(startsMs) : null,
      status === "cancelled" ? "Cambio de agenda" : null,
      rnd.int(0, 3),
      facilitator.id,
      new Date(createdMs).toISOString(),
      new Date(Math.min(nowMs, Math.max(createdMs, startsMs))).toISOString(),
    ]);
    out.facilitators.push([id, facilitator.id]);
    for (const code of addressed) {
      out.tools.push([id, code]);
    }
    for (const m of invited) {
      out.invitations.push([id, m.cvegeo]);
      if (status !== "held") {
        continue;
      }
      for (const code of addressed) {
        out.baselines.push([
          id,
          m.cvegeo,
          code,
          rnd.pick(["pending", "in_progress", "changes_requested"]),
        ]);
      }
      if (rnd.chance(0.85)) {
        out.attendees.push([
          id,
          m.cvegeo,
          `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`,
          rnd.pick(POSITIONS),
        ]);
      }
      if (rnd.chance(0.4)) {
        const dueMs = startsMs + rnd.int(15, 60) * DAY;
        const closed = dueMs < nowMs && rnd.chance(0.6);
        out.commitments.push([
          id,
          `Entregar la evidencia de ${rnd.pick(addressed)} para revisión.`,
          m.cvegeo,
          m.liaison.name,
          isoDate(dueMs),
          closed ? "closed" : "open",
          closed ? "Se entregó la evidencia." : null,
          closed ? new Date(Math.min(nowMs, dueMs)).toISOString() : null,
        ]);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      municipalities: { type: "string", default: "2500" },
      cycles: { type: "string", default: "5" },
      "cohort-years": { type: "string" },
      seed: { type: "string", default: "1" },
      "database-url": { type: "string", default: DEFAULT_DATABASE_URL },
      force: { type: "boolean", default: false },
    },
  });
  const outcome = await ensureSyntheticData({
    municipalities: Number(values.municipalities),
    cycles: Number(values.cycles),
    cohortYears: values["cohort-years"] === undefined ? undefined : Number(values["cohort-years"]),
    seed: Number(values.seed),
    databaseUrl: values["database-url"],
    force: values.force,
  });
  console.log(
    `\nBase: ${outcome.databaseUrl.replace(/\/\/[^@]*@/, "//…@")} (huella ${outcome.fingerprint})`,
  );
  console.log(`${outcome.reused ? "Reutilizada" : "Generada"} en ${outcome.seconds.toFixed(1)} s`);
  for (const [table, n] of Object.entries(outcome.counts)) {
    console.log(`  ${table.padEnd(28)}${String(n).padStart(10)}`);
  }
  console.log(
    `Cuentas: ${outcome.accounts.reviewer} / ${outcome.accounts.admin} y enlace.<clave>@sintetico.mrtm.test, contraseña ${outcome.password}`,
  );
}
