/**
 * The open datasets: which fields they have, what each means (the data dictionary, in Spanish),
 * and how a row is built. Field names are Spanish snake_case, the same in the CSV header and the
 * JSON keys; dates are ISO (aaaa-mm-dd); percentages go from 0 to 100 with one decimal, the figure
 * every screen shows.
 */
import type { OpenDataField, PublicDocument } from "../../../contracts/public.js";
import type { MunicipalityProgress } from "../../../domain/dashboard.js";
import { type LocalDate, localDateOf } from "../../../domain/dates.js";
import { isOverdue } from "../../../domain/deadlines.js";
import { trafficLight } from "../../../domain/indicators.js";
import { type CycleOutcome, cycleOutcome, cycleStandings } from "../../../domain/progress.js";
import { countPublicStates, publicToolState } from "../../../domain/public-progress.js";
import { asPercent } from "../../../domain/scores.js";
import type { CsvValue } from "../../lib/csv.js";
import type { PublishedIndicatorValue } from "../indicators/queries.js";
import type { PublishedSurveyResults } from "../surveys/public-results.js";
import { METHODOLOGY_PAGE_PATH } from "./pages.js";
import type { InstanceRow } from "./queries.js";

export type OpenDataRow = Record<string, CsvValue>;

const PUBLIC_STATE_VALUES = {
  validated: "validada",
  in_progress: "en_proceso",
  pending: "pendiente",
  overdue: "vencida",
} as const;

const STATE_MEANING =
  "validada (la revisión del órgano garante la aceptó), en_proceso (hay trabajo en curso, aún sin validar), pendiente (sin avance) o vencida (pasó el plazo sin validarse)";

/** The fields of the municipalities dataset; one column per dimension of the model in force. */
export function municipalityFields(dimensions: readonly { code: string; name: string }[]) {
  const fields: OpenDataField[] = [
    { name: "cvegeo", type: "texto", description: "Clave geoestadística del INEGI (5 dígitos)." },
    { name: "municipio", type: "texto", description: "Nombre oficial del municipio (INEGI)." },
    {
      name: "participa",
      type: "booleano",
      description: "true si el municipio firmó el convenio de colaboración; false «sin convenio».",
    },
    {
      name: "cohorte",
      type: "texto",
      description: "Grupo de municipios que firmaron juntos (p. ej. «Cohorte 2022»).",
    },
    { name: "fecha_convenio", type: "fecha", description: "Fecha de firma del convenio." },
    {
      name: "indice_implementacion",
      type: "decimal",
      description: `Índice de implementación (0 a 100): promedio ponderado de los puntajes de las dimensiones. Cálculo y pesos: ${METHODOLOGY_PAGE_PATH}.`,
    },
    {
      name: "lugar",
      type: "entero",
      description: "Lugar por índice entre los municipios con convenio; empates comparten lugar.",
    },
    ...dimensions.map(
      (dimension): OpenDataField => ({
        name: dimensionColumn(dimension.code),
        type: "decimal",
        description: `Puntaje de la dimensión ${dimension.name} (${dimension.code}), de 0 a 100: promedio ponderado de sus herramientas.`,
      }),
    ),
    {
      name: "porcentaje_a_tiempo",
      type: "decimal",
      description: `Entregas a tiempo entre las entregas exigibles (0 a 100); vacío si aún no vence ningún plazo. Reglas: ${METHODOLOGY_PAGE_PATH}.`,
    },
    {
      name: "entregas_exigibles",
      type: "entero",
      description: "Entregas cuyo plazo ya venció o que ya se validaron (todos los ciclos).",
    },
    {
      name: "entregas_a_tiempo",
      type: "entero",
      description: "Entregas enviadas a revisión a más tardar en su plazo y validadas después.",
    },
    {
      name: "herramientas",
      type: "entero",
      description: "Herramientas del modelo del municipio con alguna entrega abierta.",
    },
    { name: "herramientas_validadas", type: "entero", description: "Herramientas validadas." },
    {
      name: "herramientas_en_proceso",
      type: "entero",
      description: "Herramientas con trabajo en curso, aún sin validar, dentro de plazo.",
    },
    {
      name: "herramientas_pendientes",
      type: "entero",
      description: "Herramientas sin avance, dentro de plazo.",
    },
    {
      name: "herramientas_vencidas",
      type: "entero",
      description: "Herramientas cuyo ciclo que cuenta pasó su plazo sin validarse.",
    },
    {
      name: "herramientas_con_ciclo_vencido",
      type: "entero",
      description:
        "Herramientas con alguna entrega vencida sin validar (también un ciclo anual anterior, aunque uno posterior ya esté validado).",
    },
  ];
  return fields;
}

export const dimensionColumn = (code: string) => `dimension_${code.toLowerCase()}`;

/** One row per municipality of the catalogue; the progress fields are empty without agreement. */
export function municipalityRow(
  municipality: { cvegeo: string; name: string },
  progress: MunicipalityProgress | undefined,
  rank: number | undefined,
  dimensions: readonly { code: string; name: string }[],
): OpenDataRow {
  if (!progress) {
    const empty = Object.fromEntries(
      municipalityFields(dimensions).map((field): [string, CsvValue] => [field.name, null]),
    );
    return {
      ...empty,
      cvegeo: municipality.cvegeo,
      municipio: municipality.name,
      participa: false,
    };
  }
  const { scores } = progress;
  const counts = countPublicStates(progress.tools.map(publicToolState));
  const row: OpenDataRow = {
    cvegeo: municipality.cvegeo,
    municipio: municipality.name,
    participa: true,
    cohorte: progress.cohort,
    fecha_convenio: progress.signedOn,
    indice_implementacion: asPercent(scores.index),
    lugar: rank ?? null,
  };
  for (const dimension of dimensions) {
    const score = scores.dimensions.find((d) => d.code === dimension.code)?.score;
    row[dimensionColumn(dimension.code)] = score === undefined ? null : asPercent(score);
  }
  Object.assign(row, {
    porcentaje_a_tiempo: scores.onTime.rate === null ? null : asPercent(scores.onTime.rate),
    entregas_exigibles: scores.onTime.due,
    entregas_a_tiempo: scores.onTime.onTime,
    herramientas: progress.tools.length,
    herramientas_validadas: counts.validated,
    herramientas_en_proceso: counts.in_progress,
    herramientas_pendientes: counts.pending,
    herramientas_vencidas: counts.overdue,
    herramientas_con_ciclo_vencido: progress.tools.filter((tool) => tool.overdue).length,
  });
  return row;
}

/** The fields that name a municipality's deliverable, alike in the tools and documents datasets. */
const MUNICIPALITY_KEY: OpenDataField[] = [
  { name: "cvegeo", type: "texto", description: "Clave geoestadística del INEGI del municipio." },
  { name: "municipio", type: "texto", description: "Nombre oficial del municipio (INEGI)." },
];
const DELIVERABLE_KEY: OpenDataField[] = [
  { name: "herramienta", type: "texto", description: "Clave de la herramienta (p. ej. E2)." },
  { name: "nombre_herramienta", type: "texto", description: "Nombre de la herramienta." },
  {
    name: "componente",
    type: "texto",
    description: "Clave del componente (inciso) cuando la herramienta tiene varios; vacío si no.",
  },
  { name: "nombre_componente", type: "texto", description: "Nombre del componente." },
  {
    name: "ciclo",
    type: "entero",
    description: "1 para herramientas únicas; 1, 2, 3… para cada año de las herramientas anuales.",
  },
];

export const TOOL_FIELDS: OpenDataField[] = [
  ...MUNICIPALITY_KEY,
  {
    name: "dimension",
    type: "texto",
    description: "Clave de la dimensión del modelo (E, R, P, C, M).",
  },
  ...DELIVERABLE_KEY,
  {
    name: "ciclo_que_cuenta",
    type: "booleano",
    description:
      "true en la entrega que cuenta hoy para el puntaje: en las herramientas anuales, el último ciclo vencido o ya validado (el primero mientras ninguno lo esté).",
  },
  {
    name: "ciclo_en_curso",
    type: "booleano",
    description:
      "true en un ciclo anual más reciente, ya abierto y aún no vencido: trabajo en curso que no baja el puntaje.",
  },
  { name: "estado", type: "texto", description: `Estado público: ${STATE_MEANING}.` },
  {
    name: "plazo",
    type: "fecha",
    description: "Fecha límite; vacío para proyectos aún sin fecha de término.",
  },
  {
    name: "vencida",
    type: "booleano",
    description: "true si el plazo ya pasó y la entrega no está validada.",
  },
  {
    name: "resultado",
    type: "texto",
    description:
      "a_tiempo (validada y enviada a más tardar en su plazo), con_retraso (validada fuera de plazo), vencida (pasó el plazo sin validarse: sigue vencida hasta validarse) o en_plazo (sin validar, dentro de su plazo).",
  },
  { name: "fecha_validacion", type: "fecha", description: "Fecha en que se validó; vacío si no." },
];

const OUTCOME_VALUES: Record<CycleOutcome, string> = {
  on_time: "a_tiempo",
  late: "con_retraso",
  missed: "vencida",
  open: "en_plazo",
};

/**
 * The tools dataset: one row per municipality × tool × part × cycle already opened (`instances`
 * in output order), each marked with whether it is the cycle that counts or the one under way.
 */
export function toolRows(instances: readonly InstanceRow[], today: LocalDate): OpenDataRow[] {
  const byMunicipality = new Map<string, InstanceRow[]>();
  for (const instance of instances) {
    const list = byMunicipality.get(instance.cvegeo) ?? [];
    list.push(instance);
    byMunicipality.set(instance.cvegeo, list);
  }
  const counted = new Set<InstanceRow>();
  const working = new Set<InstanceRow>();
  for (const list of byMunicipality.values()) {
    // The facts by name, not by spreading the row: as fast for the 84,000 rows of 2,500 municipalities.
    const facts = list.map((row) => ({
      toolCode: row.toolCode,
      partCode: row.partCode,
      cycle: row.cycle,
      opensOn: row.opensOn,
      deadline: row.deadline,
      state: row.state,
      firstSubmittedOn: row.firstSubmittedOn,
      maturity: null,
      row,
    }));
    for (const standing of cycleStandings(facts, today).values()) {
      counted.add(standing.counted.row);
      if (standing.working) {
        working.add(standing.working.row);
      }
    }
  }
  return instances.map((instance) =>
    toolRow(instance, today, { counted: counted.has(instance), working: working.has(instance) }),
  );
}

/** One row of the tools dataset. */
function toolRow(
  instance: InstanceRow,
  today: LocalDate,
  standing: { counted: boolean; working: boolean },
): OpenDataRow {
  const validated = instance.state === "validated";
  const overdue = isOverdue(instance.deadline, validated, today);
  return {
    cvegeo: instance.cvegeo,
    municipio: instance.municipality,
    dimension: instance.dimension,
    herramienta: instance.toolCode,
    nombre_herramienta: instance.toolName,
    componente: instance.partCode,
    nombre_componente: instance.partName,
    ciclo: instance.cycle,
    ciclo_que_cuenta: standing.counted,
    ciclo_en_curso: standing.working,
    estado: PUBLIC_STATE_VALUES[publicToolState({ state: instance.state, overdue })],
    plazo: instance.deadline,
    vencida: overdue,
    resultado: OUTCOME_VALUES[cycleOutcome(instance, today)],
    fecha_validacion: validated ? instance.validatedOn : null,
  };
}

export const DOCUMENT_FIELDS: OpenDataField[] = [
  ...MUNICIPALITY_KEY,
  ...DELIVERABLE_KEY,
  { name: "archivo", type: "texto", description: "Nombre del archivo." },
  { name: "tipo", type: "texto", description: "Tipo de contenido (MIME), p. ej. application/pdf." },
  { name: "tamano_bytes", type: "entero", description: "Tamaño del archivo en bytes." },
  { name: "vigencia", type: "fecha", description: "Fecha de vigencia del documento." },
  {
    name: "fecha_validacion",
    type: "fecha",
    description: "Fecha en que el órgano garante validó la entrega con la que se envió.",
  },
  {
    name: "url",
    type: "texto",
    description:
      "Dirección de descarga en este portal. Solo se listan documentos públicos de entregas validadas que no se han retirado de publicación.",
  },
];

/** One row per published document. */
export function documentRow(
  document: PublicDocument & { cvegeo: string; municipality: string },
): OpenDataRow {
  return {
    cvegeo: document.cvegeo,
    municipio: document.municipality,
    herramienta: document.tool,
    nombre_herramienta: document.toolName,
    componente: document.part,
    nombre_componente: document.partName,
    ciclo: document.cycle,
    archivo: document.fileName,
    tipo: document.mime,
    tamano_bytes: document.size,
    vigencia: document.effectiveOn,
    fecha_validacion: document.validatedOn,
    url: document.url,
  };
}

const SURVEY_KEY: OpenDataField[] = [
  ...MUNICIPALITY_KEY,
  { name: "ciclo", type: "entero", description: "Ciclo anual de M1 (1, 2, 3…) de la encuesta." },
];

export const SURVEY_FIELDS: OpenDataField[] = [
  ...SURVEY_KEY,
  { name: "fecha_cierre", type: "fecha", description: "Fecha en que se cerró la encuesta." },
  { name: "respuestas", type: "entero", description: "Respuestas recibidas." },
  {
    name: "indice_satisfaccion",
    type: "decimal",
    description:
      "Índice de satisfacción (0 a 100): promedio de las respuestas, cada una el promedio de sus afirmaciones en escala 1 a 5 del índice, con 1 = 0 y 5 = 100. Vacío sin respuestas a esas preguntas.",
  },
  {
    name: "ic95_inferior",
    type: "decimal",
    description:
      "Límite inferior del intervalo de confianza del 95 % del índice (t de Student); vacío con menos de 2 respuestas.",
  },
  { name: "ic95_superior", type: "decimal", description: "Límite superior del mismo intervalo." },
  {
    name: "respuestas_en_indice",
    type: "entero",
    description: "Respuestas que contestaron al menos una pregunta del índice.",
  },
];

/** Only closed surveys whose M1 cycle the institute validated are published, and only in aggregate. */
const SURVEY_SCOPE =
  "Solo encuestas cerradas cuyo ciclo de M1 fue validado; nunca respuestas individuales ni comentarios.";

/** One row per public survey: responses, index and its 95 % interval. */
export function surveyRow(survey: PublishedSurveyResults): OpenDataRow {
  const { index } = survey.results;
  return {
    cvegeo: survey.cvegeo,
    municipio: survey.municipality,
    ciclo: survey.cycle,
    fecha_cierre: survey.closedAt ? localDateOf(survey.closedAt) : null,
    respuestas: survey.results.responses,
    indice_satisfaccion: index?.value ?? null,
    ic95_inferior: index?.low ?? null,
    ic95_superior: index?.high ?? null,
    respuestas_en_indice: index?.n ?? 0,
  };
}

export const SURVEY_QUESTION_FIELDS: OpenDataField[] = [
  ...SURVEY_KEY,
  { name: "pregunta", type: "texto", description: "Clave de la pregunta (p. ej. canal)." },
  { name: "texto_pregunta", type: "texto", description: "Texto de la pregunta." },
  {
    name: "tipo",
    type: "texto",
    description:
      "escala (del 1 al 5) u opcion (opción única). Las preguntas abiertas no se publican.",
  },
  { name: "opcion", type: "texto", description: "Valor de la opción (1 a 5 en las de escala)." },
  { name: "etiqueta", type: "texto", description: "Texto de la opción." },
  { name: "conteo", type: "entero", description: "Respuestas que eligieron la opción." },
  { name: "respondieron", type: "entero", description: "Respuestas que contestaron la pregunta." },
  {
    name: "promedio",
    type: "decimal",
    description: "Preguntas de escala: promedio del 1 al 5 de quienes respondieron; vacío si no.",
  },
];

/** One row per public survey × question (scale or choice) × option: the distribution. */
export function surveyQuestionRows(survey: PublishedSurveyResults): OpenDataRow[] {
  return survey.results.questions
    .filter((question) => question.kind !== "text")
    .flatMap((question) =>
      question.distribution.map((option) => ({
        cvegeo: survey.cvegeo,
        municipio: survey.municipality,
        ciclo: survey.cycle,
        pregunta: question.code,
        texto_pregunta: question.text,
        tipo: question.kind === "likert" ? "escala" : "opcion",
        opcion: option.value,
        etiqueta: option.label,
        conteo: option.count,
        respondieron: question.answered,
        promedio: question.mean,
      })),
    );
}

export const SURVEY_DATASETS = {
  surveys: {
    title: "Encuestas de satisfacción (M1)",
    description: `Una fila por municipio y ciclo: respuestas, índice de satisfacción y su intervalo de confianza del 95 %. ${SURVEY_SCOPE}`,
  },
  "survey-questions": {
    title: "Encuestas de satisfacción (M1): respuestas por pregunta",
    description: `Una fila por municipio, ciclo, pregunta y opción: cuántas respuestas eligieron cada opción. ${SURVEY_SCOPE}`,
  },
} as const;

export const INDICATOR_FIELDS: OpenDataField[] = [
  ...MUNICIPALITY_KEY,
  { name: "indicador", type: "texto", description: "Clave del indicador (p. ej. IND02)." },
  { name: "nombre_indicador", type: "texto", description: "Nombre del indicador." },
  {
    name: "unidad",
    type: "texto",
    description: "Unidad del valor (solicitudes, %, días hábiles…).",
  },
  {
    name: "sentido",
    type: "texto",
    description: "mayor_es_mejor o menor_es_mejor: qué dirección es un avance.",
  },
  {
    name: "periodo",
    type: "texto",
    description: "Clave del periodo: 2026-T1 (trimestre), 2026-S1 (semestre), 2026 (año).",
  },
  { name: "nombre_periodo", type: "texto", description: "El periodo en palabras." },
  { name: "inicio", type: "fecha", description: "Primer día del periodo." },
  { name: "fin", type: "fecha", description: "Último día del periodo." },
  { name: "valor", type: "decimal", description: "El valor que el municipio envió." },
  { name: "meta", type: "decimal", description: "La meta por periodo que el municipio adoptó." },
  {
    name: "semaforo",
    type: "texto",
    description:
      "verde (alcanza la meta), amarillo (a menos de 10 % de ella) o rojo; vacío sin meta.",
  },
  {
    name: "corregido",
    type: "booleano",
    description: "true si el municipio corrigió el valor después de enviarlo (con un motivo).",
  },
];

const LIGHT_VALUES = { green: "verde", yellow: "amarillo", red: "rojo" } as const;

/** One row per public indicator × sent period of a municipality. */
export function indicatorRow(entry: PublishedIndicatorValue): OpenDataRow {
  const { item, period } = entry;
  const light = trafficLight(item.direction, item.target, entry.value);
  return {
    cvegeo: entry.cvegeo,
    municipio: entry.municipality,
    indicador: item.code,
    nombre_indicador: item.name,
    unidad: item.unit,
    sentido: item.direction === "higher" ? "mayor_es_mejor" : "menor_es_mejor",
    periodo: period.key,
    nombre_periodo: period.label,
    inicio: period.startsOn,
    fin: period.endsOn,
    valor: entry.value,
    meta: item.target,
    semaforo: light ? LIGHT_VALUES[light] : null,
    corregido: entry.corrected,
  };
}

export const INDICATOR_DATASET = {
  title: "Indicadores de desempeño (M2)",
  description:
    "Una fila por municipio, indicador y periodo enviado: valor, meta y semáforo. Solo los indicadores que la batería marca como públicos y los periodos que el municipio envió; nunca borradores.",
} as const;
