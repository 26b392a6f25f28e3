/**
 * The public portal's use cases. Every figure comes from the progress service (the one place
 * scores are computed, cached per change stamp); each response is serialized, gzipped and hashed
 * once per stamp and then served from memory, so a busy public home costs one primary-key read
 * per request.
 */
import type { Readable } from "node:stream";
import { asc, count, eq, lte } from "drizzle-orm";
import type {
  OpenDataCatalog,
  OpenDataField,
  OpenDatasetId,
  PublicDocument,
  PublicMunicipality,
  PublicRankingPage,
  PublicSearchResult,
  PublicSummary,
} from "../../../contracts/public.js";
import type { MunicipalityProgress } from "../../../domain/dashboard.js";
import { publicToolState, rankByIndex } from "../../../domain/public-progress.js";
import { foldForSearch } from "../../../domain/text.js";
import type { Database } from "../../db/client.js";
import { agreements, modelVersions, municipalities, toolInstances } from "../../db/schema/index.js";
import { csvRow, UTF8_BOM } from "../../lib/csv.js";
import { notFound } from "../../lib/errors.js";
import { keepValue, mapReady, type Ready, readyOf } from "../../lib/ready.js";
import type { BlobStore } from "../../storage/index.js";
import { listPublishedIndicatorValues } from "../indicators/queries.js";
import { getInstitution } from "../institution/service.js";
import {
  type MunicipalityVersion,
  municipalityCache,
  versionIn,
} from "../progress/municipality-cache.js";
import {
  derive,
  derived,
  derivedReady,
  type ProgressState,
  progressService,
  type RegionalProgress,
} from "../progress/service.js";
import { latestPublicSurvey, listPublishedSurveyResults } from "../surveys/public-results.js";
import { type PreparedBody, prepareBody, prepareLargeBody } from "./http-cache.js";
import { loadPublicMap } from "./map.js";
import {
  DOCUMENT_FIELDS,
  documentRow,
  INDICATOR_DATASET,
  INDICATOR_FIELDS,
  indicatorRow,
  municipalityFields,
  municipalityRow,
  type OpenDataRow,
  SURVEY_DATASETS,
  SURVEY_FIELDS,
  SURVEY_QUESTION_FIELDS,
  surveyQuestionRows,
  surveyRow,
  TOOL_FIELDS,
  toolRows,
} from "./open-data.js";
import { METHODOLOGY_PAGE_PATH } from "./pages.js";
import {
  findPublishedDocument,
  listAllPublishedDocuments,
  listOpenedInstances,
  listPublishedDocuments,
  loadValidationDates,
} from "./queries.js";
import { RebuiltInBackground } from "./rebuilt-in-background.js";

const JSON_TYPE = "application/json; charset=utf-8";
const CSV_TYPE = "text/csv; charset=utf-8; header=present";

/** A score as the screens show it (a percentage with one decimal), as a fraction: 0.444. */
const shown = (score: number) => Math.round(score * 1000) / 1000;

interface CatalogueEntry {
  cvegeo: string;
  name: string;
  population2020: number | null;
}

/** Every municipality of the catalogue by name (its changes move the `all` stamp). */
function catalogue(db: Database, progress: RegionalProgress): Promise<CatalogueEntry[]> {
  return derived(
    progress,
    "public.catalogue",
    () =>
      db
        .select({
          cvegeo: municipalities.cvegeo,
          name: municipalities.name,
          population2020: municipalities.population2020,
        })
        .from(municipalities)
        .orderBy(asc(municipalities.nameFolded), asc(municipalities.cvegeo)),
    "stable",
  );
}

/** The label and number of the model in force. */
function modelInForce(
  db: Database,
  progress: RegionalProgress,
): Promise<{ label: string; version: number }> {
  return derived(
    progress,
    "public.model",
    async () => {
      const id = progress.model.versionId;
      const [row] = id
        ? await db
            .select({ label: modelVersions.label, version: modelVersions.version })
            .from(modelVersions)
            .where(eq(modelVersions.id, id))
        : [];
      return { label: row?.label ?? "", version: row?.version ?? 0 };
    },
    "stable",
  );
}

interface RankedEntry {
  rank: number;
  cvegeo: string;
  name: string;
  cohort: string;
  index: number;
}

/** Every participant by place (ties share a place, then by name), with the index as shown. */
function ranking(progress: RegionalProgress): RankedEntry[] {
  return derive(progress, "public.ranking", () =>
    rankByIndex(
      progress.municipalities.map((m) => ({
        cvegeo: m.cvegeo,
        name: m.name,
        cohort: m.cohort,
        index: m.scores.index,
      })),
    ).map((entry) => ({ ...entry, index: shown(entry.index) })),
  );
}

const dimensionNames = (progress: RegionalProgress) =>
  progress.model.dimensions.map(({ code, name }) => ({ code, name }));

/** How many places the home shows before «see the whole ranking». */
const TOP_PLACES = 10;

/**
 * The home's figures: totals, the first places and the colour of each municipality on the map.
 * Small whatever the number of municipalities: the whole ranking and the search have their own
 * endpoints.
 */
export function getPublicSummary(db: Database, now: Date): Ready<PreparedBody> {
  return derivedReady(db, now, "public.summary", async (progress) => {
    const [entries, model] = await Promise.all([
      catalogue(db, progress),
      modelInForce(db, progress),
    ]);
    const median = progress.index.median;
    const summary: PublicSummary = {
      asOf: progress.asOf,
      model: { ...model, dimensions: dimensionNames(progress) },
      totals: {
        municipalities: entries.length,
        participating: progress.municipalities.length,
        medianIndex: median === null ? null : shown(median),
      },
      top: ranking(progress)
        .slice(0, TOP_PLACES)
        .map(({ rank, cvegeo, name, index }) => ({ rank, cvegeo, name, index })),
      map: loadPublicMap().features.map(({ cvegeo }) => {
        const participant = progress.byCvegeo.get(cvegeo);
        return { cvegeo, index: participant ? shown(participant.scores.index) : null };
      }),
    };
    return prepareBody(JSON.stringify(summary), JSON_TYPE);
  });
}

/** Ranking pages kept per progress (page × size), bounded. */
const MAX_CACHED_RANKING_PAGES = 200;

/** One page of the whole ranking. */
export function getPublicRanking(
  db: Database,
  page: number,
  pageSize: number,
  now: Date,
): Ready<PreparedBody> {
  return mapReady(progressService(db).ready(now), ({ progress }) =>
    rankingPage(progress, page, pageSize),
  );
}

function rankingPage(progress: RegionalProgress, page: number, pageSize: number): PreparedBody {
  const pages = derive(progress, "public.ranking.pages", () => new Map<string, PreparedBody>());
  const key = `${page}/${pageSize}`;
  let prepared = pages.get(key);
  if (!prepared) {
    if (pages.size >= MAX_CACHED_RANKING_PAGES) {
      pages.clear();
    }
    const all = ranking(progress);
    const body: PublicRankingPage = {
      items: all.slice((page - 1) * pageSize, page * pageSize),
      total: all.length,
      page,
      pageSize,
    };
    prepared = prepareBody(JSON.stringify(body), JSON_TYPE);
    pages.set(key, prepared);
  }
  return prepared;
}

/** How many matches a search returns. */
const MAX_SEARCH_RESULTS = 20;
/** Searches kept per progress (people type the same few names), bounded. */
const MAX_CACHED_SEARCHES = 500;

/**
 * Municipalities of the catalogue whose name (accents and case ignored) contains the query, or
 * whose INEGI key starts with it; names that start with it first. Answers are kept per progress.
 */
export async function searchPublicMunicipalities(
  db: Database,
  query: string,
  now: Date,
): Promise<PreparedBody> {
  const progress = await progressService(db).current(now);
  const folded = foldForSearch(query);
  const answers = derive(progress, "public.searches", () => new Map<string, PreparedBody>());
  const cached = answers.get(folded);
  if (cached) {
    return cached;
  }
  const entries = await derived(
    progress,
    "public.catalogue.folded",
    async () =>
      (await catalogue(db, progress)).map((entry) => ({
        ...entry,
        folded: foldForSearch(entry.name),
      })),
    "stable",
  );
  const byKey = /^\d+$/.test(folded);
  const matches = entries.filter((entry) =>
    byKey
      ? entry.cvegeo.startsWith(folded) || entry.cvegeo.slice(2).startsWith(folded)
      : entry.folded.includes(folded),
  );
  const first = byKey
    ? matches
    : [
        ...matches.filter((entry) => entry.folded.startsWith(folded)),
        ...matches.filter((entry) => !entry.folded.startsWith(folded)),
      ];
  const places = progress.ranks;
  const result: PublicSearchResult = {
    total: matches.length,
    items: first.slice(0, MAX_SEARCH_RESULTS).map(({ cvegeo, name }) => {
      const participant = progress.byCvegeo.get(cvegeo);
      return {
        cvegeo,
        name,
        participating: participant !== undefined,
        index: participant ? shown(participant.scores.index) : null,
        rank: places.get(cvegeo) ?? null,
      };
    }),
  };
  if (answers.size >= MAX_CACHED_SEARCHES) {
    answers.clear();
  }
  const prepared = prepareBody(JSON.stringify(result), JSON_TYPE);
  answers.set(folded, prepared);
  return prepared;
}

/** Municipality pages kept per progress; bounded, since 2,500 of them would all fit but need not. */
const MAX_CACHED_PAGES = 1000;

/** A municipality's public page; 404 only for a key that is not in the catalogue. */
export function getPublicMunicipality(
  db: Database,
  cvegeo: string,
  now: Date,
): Ready<PreparedBody> {
  return mapReady(progressService(db).ready(now), (state) =>
    municipalityPage(db, state, cvegeo, now),
  );
}

function municipalityPage(
  db: Database,
  state: ProgressState,
  cvegeo: string,
  now: Date,
): Ready<PreparedBody> {
  const pages = derive(
    state.progress,
    "public.pages",
    () => new Map<string, Promise<PreparedBody>>(),
  );
  const cached = pages.get(cvegeo);
  if (cached) {
    return readyOf(cached);
  }
  if (pages.size >= MAX_CACHED_PAGES) {
    pages.clear();
  }
  const page = keepValue(
    buildMunicipalityPage(db, versionIn(state, cvegeo), cvegeo, now).then((body) =>
      prepareBody(JSON.stringify(body), JSON_TYPE),
    ),
  );
  pages.set(cvegeo, page);
  page.catch(() => {
    if (pages.get(cvegeo) === page) {
      pages.delete(cvegeo);
    }
  });
  return page;
}

/** What a municipality's page shows from its own rows, beside its figures in the progress. */
interface OwnRecord {
  documents: PublicDocument[];
  validations: Awaited<ReturnType<typeof loadValidationDates>>;
  survey: PublicMunicipality["survey"];
  left: PublicMunicipality["left"];
}

/**
 * A municipality's own rows, read again only when its stamp (or the `all` stamp, or the day) moves:
 * every page is rebuilt after any change, since a place or the regional median may move, but a
 * change elsewhere costs the others' pages no query (issue 18). Whether it takes part is of the
 * same version (its agreement moves its stamp).
 */
function ownRecord(
  db: Database,
  version: MunicipalityVersion,
  cvegeo: string,
  now: Date,
): Promise<OwnRecord> {
  return municipalityCache<OwnRecord>(db, "public.own-record").get(
    cvegeo,
    version.key,
    now,
    async () => ({
      value: await readOwnRecord(db, cvegeo, version.progress.byCvegeo.has(cvegeo)),
    }),
  );
}

async function readOwnRecord(
  db: Database,
  cvegeo: string,
  participating: boolean,
): Promise<OwnRecord> {
  if (!participating) {
    const left = await formerParticipation(db, cvegeo);
    // A municipality that left keeps its history: what it published stays public.
    const documents = left ? await listPublishedDocuments(db, cvegeo) : [];
    return { documents, validations: [], survey: null, left };
  }
  const [documents, validations, survey] = await Promise.all([
    listPublishedDocuments(db, cvegeo),
    loadValidationDates(db, cvegeo),
    latestPublicSurvey(db, cvegeo),
  ]);
  return { documents, validations, survey, left: null };
}

async function buildMunicipalityPage(
  db: Database,
  version: MunicipalityVersion,
  cvegeo: string,
  now: Date,
): Promise<PublicMunicipality> {
  const { progress } = version;
  const entry = (await catalogue(db, progress)).find((m) => m.cvegeo === cvegeo);
  if (!entry) {
    throw notFound(`No existe un municipio con la clave ${cvegeo}.`);
  }
  const participant = progress.byCvegeo.get(cvegeo);
  const own = await ownRecord(db, version, cvegeo, now);
  const base = { asOf: progress.asOf, municipality: entry };
  if (!participant) {
    return {
      ...base,
      participating: false,
      agreement: null,
      left: own.left,
      scores: null,
      tools: [],
      documents: own.documents,
      survey: null,
    };
  }
  return {
    ...base,
    participating: true,
    agreement: { signedOn: participant.signedOn, cohort: participant.cohort },
    left: null,
    scores: publicScores(progress, participant),
    tools: publicTools(progress, participant, own.validations),
    documents: own.documents,
    survey: own.survey,
  };
}

/** Since when a municipality that had an agreement no longer takes part; null if it never did. */
async function formerParticipation(
  db: Database,
  cvegeo: string,
): Promise<PublicMunicipality["left"]> {
  const [row] = await db
    .select({
      status: agreements.participation,
      since: agreements.participationSince,
      signedOn: agreements.signedOn,
    })
    .from(agreements)
    .where(eq(agreements.municipalityCvegeo, cvegeo));
  if (!row || row.status === "active") {
    return null;
  }
  return { status: row.status, since: row.since ?? row.signedOn, signedOn: row.signedOn };
}

function publicScores(
  progress: RegionalProgress,
  participant: MunicipalityProgress,
): NonNullable<PublicMunicipality["scores"]> {
  const names = new Map(dimensionNames(progress).map((d) => [d.code, d.name]));
  const { scores } = participant;
  const median = progress.index.median;
  return {
    index: shown(scores.index),
    rank: progress.ranks.get(participant.cvegeo) ?? progress.municipalities.length,
    participants: progress.municipalities.length,
    regionalMedian: median === null ? null : shown(median),
    dimensions: scores.dimensions.map((d) => ({
      code: d.code,
      name: names.get(d.code) ?? d.code,
      score: shown(d.score),
    })),
    onTime: {
      due: scores.onTime.due,
      onTime: scores.onTime.onTime,
      rate: scores.onTime.rate === null ? null : shown(scores.onTime.rate),
    },
  };
}

function publicTools(
  progress: RegionalProgress,
  participant: MunicipalityProgress,
  validations: { toolCode: string; cycle: number; validatedOn: string }[],
): PublicMunicipality["tools"] {
  const tools = new Map(
    progress.model.dimensions.flatMap((d) =>
      d.tools.map((tool) => [tool.code, { name: tool.name, dimension: d.code }] as const),
    ),
  );
  const dimensionOf = new Map(
    participant.scores.tools.map((tool) => [tool.code, tool.dimensionCode] as const),
  );
  return participant.tools.map((status) => {
    const state = publicToolState(status);
    const validatedOn =
      state === "validated"
        ? (validations
            .filter((v) => v.toolCode === status.toolCode && v.cycle === status.cycle)
            .map((v) => v.validatedOn)
            .sort()
            .at(-1) ?? null)
        : null;
    return {
      code: status.toolCode,
      name: tools.get(status.toolCode)?.name ?? status.toolCode,
      dimension: tools.get(status.toolCode)?.dimension ?? dimensionOf.get(status.toolCode) ?? "",
      state,
      cycle: status.cycle,
      missedCycles: status.missedCycles,
      workingCycle: status.workingCycle,
      deadline: status.deadline,
      validatedOn,
      parts: status.parts,
      validatedParts: status.validatedParts,
    };
  });
}

/** A published document's bytes, or 404 for anything not published (private, draft, returned). */
export async function openPublishedDocument(
  db: Database,
  blobs: BlobStore,
  id: string,
): Promise<{
  file: { fileName: string; mime: string; size: number; sha256: string };
  stream: () => Promise<Readable>;
}> {
  const file = await findPublishedDocument(db, id);
  if (!file) {
    throw notFound("El documento no existe o no está publicado.");
  }
  return { file, stream: async () => (await blobs.get(file.blobKey)) as Readable };
}

export type DatasetId = OpenDatasetId;
export type DatasetFormat = "csv" | "json";

const datasetBytes = new WeakMap<Database, RebuiltInBackground<PreparedBody>>();

/** The datasets' bytes of a database, rebuilt in the background after a change. */
export function openDataBytes(db: Database): RebuiltInBackground<PreparedBody> {
  const kept = datasetBytes.get(db) ?? new RebuiltInBackground<PreparedBody>();
  datasetBytes.set(db, kept);
  return kept;
}

/**
 * One dataset in one format, built once per progress. After a change the bytes of the previous
 * progress are served (whole, with their ETag) while they are rebuilt in the background: a
 * dataset of every instance takes a second or more at national scale, and open data is read with
 * a minute of caching anyway (decision 0027). Only the first build after start is waited for.
 */
export async function getDataset(
  db: Database,
  id: DatasetId,
  format: DatasetFormat,
  now: Date,
): Promise<PreparedBody> {
  const progress = await progressService(db).current(now);
  return openDataBytes(db).get(datasetName(id, format), datasetVersion(progress), async () => {
    const { fields, rows } = await dataset(db, progress, id);
    return format === "csv"
      ? prepareLargeBody(await csvInSlices(fields, rows), CSV_TYPE)
      : prepareLargeBody(await jsonInSlices(rows), JSON_TYPE);
  });
}

/** The name a dataset's bytes are kept under (`tools.csv`), as its URL ends. */
export const datasetName = (id: DatasetId, format: DatasetFormat) => `${id}.${format}`;

/** What the bytes of a dataset are built for: the progress's day and stamp. */
export const datasetVersion = (progress: RegionalProgress) => `${progress.asOf}/${progress.stamp}`;

/**
 * Rows per slice of a dataset written in the background: between slices the requests that
 * arrived meanwhile are served, rather than after the whole dataset (a second at national scale).
 */
const SLICE = 2000;

/** Lets the requests that arrived be served before going on. */
const letRequestsIn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `UTF8_BOM + toCsv(…)`, a slice of rows at a time. */
async function csvInSlices(fields: OpenDataField[], rows: OpenDataRow[]): Promise<string> {
  const columns = fields.map((field) => field.name);
  const parts = [UTF8_BOM, csvRow(columns)];
  for (let start = 0; start < rows.length; start += SLICE) {
    await letRequestsIn();
    for (const row of rows.slice(start, start + SLICE)) {
      parts.push(csvRow(columns.map((column) => row[column])));
    }
  }
  return parts.join("");
}

/** `JSON.stringify(rows)`, a slice of rows at a time. */
async function jsonInSlices(rows: OpenDataRow[]): Promise<string> {
  const parts: string[] = [];
  for (let start = 0; start < rows.length; start += SLICE) {
    await letRequestsIn();
    parts.push(JSON.stringify(rows.slice(start, start + SLICE)).slice(1, -1));
  }
  return `[${parts.join(",")}]`;
}

async function dataset(
  db: Database,
  progress: RegionalProgress,
  id: DatasetId,
): Promise<{ fields: OpenDataField[]; rows: OpenDataRow[] }> {
  switch (id) {
    case "municipalities":
      return municipalityDataset(db, progress);
    case "tools":
      return { fields: TOOL_FIELDS, rows: await toolDataset(db, progress) };
    case "documents":
      return {
        fields: DOCUMENT_FIELDS,
        rows: (await publishedDocuments(db, progress)).map(documentRow),
      };
    case "surveys":
      return { fields: SURVEY_FIELDS, rows: (await publishedSurveys(db, progress)).map(surveyRow) };
    case "survey-questions":
      return {
        fields: SURVEY_QUESTION_FIELDS,
        rows: (await publishedSurveys(db, progress)).flatMap(surveyQuestionRows),
      };
    case "indicators":
      return {
        fields: INDICATOR_FIELDS,
        rows: (await publishedIndicators(db, progress)).map(indicatorRow),
      };
  }
}

/**
 * The sent values of public indicators, once per progress: sending a period and correcting a sent
 * one move the municipality's stamp (the trigger of the M2 corrections migration).
 */
function publishedIndicators(db: Database, progress: RegionalProgress) {
  return derived(progress, "public.indicators", () => listPublishedIndicatorValues(db));
}

/**
 * The results of every public survey, once per progress: a validation moves the stamp, and so do
 * a close and hiding a comment (migration 0022's triggers).
 */
function publishedSurveys(db: Database, progress: RegionalProgress) {
  return derived(progress, "public.surveys", () => listPublishedSurveyResults(db));
}

async function municipalityDataset(db: Database, progress: RegionalProgress) {
  const dimensions = dimensionNames(progress);
  const places = progress.ranks;
  const entries = await catalogue(db, progress);
  return {
    fields: municipalityFields(dimensions),
    rows: [...entries]
      .sort((a, b) => a.cvegeo.localeCompare(b.cvegeo))
      .map(
        (entry): OpenDataRow =>
          municipalityRow(
            entry,
            progress.byCvegeo.get(entry.cvegeo),
            places.get(entry.cvegeo),
            dimensions,
          ),
      ),
  };
}

/**
 * Every published document of the region, once per progress: publishing (a validation) and
 * withdrawing both move the progress stamp.
 */
function publishedDocuments(db: Database, progress: RegionalProgress) {
  return derived(progress, "public.documents", () => listAllPublishedDocuments(db));
}

async function toolDataset(db: Database, progress: RegionalProgress): Promise<OpenDataRow[]> {
  const instances = await listOpenedInstances(db, progress.asOf);
  // In slices of whole municipalities (the rows come by municipality, and a municipality's rows
  // are read together), letting requests in between: the same rows as in one go.
  const rows: OpenDataRow[] = [];
  let start = 0;
  while (start < instances.length) {
    let end = Math.min(start + SLICE, instances.length);
    while (end < instances.length && instances[end]?.cvegeo === instances[end - 1]?.cvegeo) {
      end += 1;
    }
    await letRequestsIn();
    rows.push(...toolRows(instances.slice(start, end), progress.asOf));
    start = end;
  }
  return rows;
}

/**
 * The open-data catalogue, serialized once per progress: the licence's attribution names the
 * institution, whose changes move the progress stamp (`updateInstitution`), so it is read with
 * the rest rather than on every request.
 */
export function getOpenDataCatalog(db: Database, now: Date): Ready<PreparedBody> {
  return derivedReady(db, now, "public.open-data.catalog", async (progress) => {
    const institution = await getInstitution(db).catch(() => null);
    return prepareBody(
      JSON.stringify(await buildOpenDataCatalog(db, progress, institution?.name ?? null)),
      JSON_TYPE,
    );
  });
}

async function buildOpenDataCatalog(
  db: Database,
  progress: RegionalProgress,
  institutionName: string | null,
): Promise<OpenDataCatalog> {
  const [entries, toolRowCount, documents, surveys, indicators] = await Promise.all([
    catalogue(db, progress),
    derived(progress, "public.open-data.tools.count", async () => {
      const [row] = await db
        .select({ n: count() })
        .from(toolInstances)
        .where(lte(toolInstances.opensOn, progress.asOf));
      return row?.n ?? 0;
    }),
    publishedDocuments(db, progress),
    publishedSurveys(db, progress),
    publishedIndicators(db, progress),
  ]);
  const base = "/api/public/open-data";
  return {
    asOf: progress.asOf,
    licence: {
      name: "Creative Commons Atribución 4.0 Internacional (CC BY 4.0)",
      url: "https://creativecommons.org/licenses/by/4.0/deed.es",
      attribution: `${institutionName ?? "Órgano garante"}, Modelo Regional de Transparencia Municipal`,
    },
    methodology: METHODOLOGY_PAGE_PATH,
    datasets: [
      {
        id: "municipalities",
        title: "Avance por municipio",
        description:
          "Una fila por municipio del catálogo: convenio, índice de implementación, lugar, puntaje de cada dimensión, entregas a tiempo y herramientas por estado.",
        rows: entries.length,
        csv: `${base}/municipalities.csv`,
        json: `${base}/municipalities.json`,
        fields: municipalityFields(dimensionNames(progress)),
      },
      {
        id: "tools",
        title: "Estado de las herramientas",
        description:
          "Una fila por municipio, herramienta, componente y ciclo: estado público, si es el ciclo que cuenta o uno en curso, plazo, si está vencida, resultado (a tiempo, con retraso, vencida, en plazo) y fecha de validación.",
        rows: toolRowCount,
        csv: `${base}/tools.csv`,
        json: `${base}/tools.json`,
        fields: TOOL_FIELDS,
      },
      {
        id: "documents",
        title: "Documentos publicados",
        description:
          "Una fila por documento público de una entrega validada: municipio, herramienta, archivo, vigencia, fecha de validación y dirección de descarga. Un documento retirado de publicación deja de aparecer.",
        rows: documents.length,
        csv: `${base}/documents.csv`,
        json: `${base}/documents.json`,
        fields: DOCUMENT_FIELDS,
      },
      {
        id: "surveys",
        ...SURVEY_DATASETS.surveys,
        rows: surveys.length,
        csv: `${base}/surveys.csv`,
        json: `${base}/surveys.json`,
        fields: SURVEY_FIELDS,
      },
      {
        id: "survey-questions",
        ...SURVEY_DATASETS["survey-questions"],
        rows: surveys.reduce((sum, survey) => sum + surveyQuestionRows(survey).length, 0),
        csv: `${base}/survey-questions.csv`,
        json: `${base}/survey-questions.json`,
        fields: SURVEY_QUESTION_FIELDS,
      },
      {
        id: "indicators",
        ...INDICATOR_DATASET,
        rows: indicators.length,
        csv: `${base}/indicators.csv`,
        json: `${base}/indicators.json`,
        fields: INDICATOR_FIELDS,
      },
    ],
  };
}
