/**
 * The technical sheet (ficha técnica) of the implementation index: what each weight of a model
 * version is worth in the index, how each kind of tool scores, how long each tool has, and worked
 * examples scored by `scoreMunicipality` itself, so the published methodology can never disagree
 * with the published scores.
 */
import { addMonths, type LocalDate } from "./dates.js";
import { plannedInstances } from "./deadlines.js";
import type { ModelContent, Period, Tool } from "./model.js";
import type { InstanceFacts } from "./progress.js";
import { type CriterionResult, measuredMaturity } from "./review.js";
import { type MunicipalityScores, type ScoreModel, scoreMunicipality } from "./scores.js";
import type { ToolState } from "./tool-state.js";

/** The weights of a model version as `scoreMunicipality` reads them. */
export function scoreModelOf(model: Pick<ModelContent, "dimensions">): ScoreModel {
  return {
    dimensions: model.dimensions.map((dimension) => ({
      code: dimension.code,
      weight: dimension.weight,
      tools: dimension.tools.map((tool) => ({ code: tool.code, weight: tool.weight })),
    })),
  };
}

export interface WeightShares {
  dimensions: {
    code: string;
    /** The dimension's share of the index, 0..1 (its weight over the sum of the weights). */
    share: number;
    tools: {
      code: string;
      /** The tool's share of its dimension's score, 0..1. */
      shareOfDimension: number;
      /** The tool's share of the index, 0..1: its share of the dimension × the dimension's. */
      shareOfIndex: number;
    }[];
  }[];
}

/**
 * What each weight is worth: the index is the weighted mean of the dimensions and each dimension
 * the weighted mean of its tools, so a tool moves the index by its weight's share of its
 * dimension times the dimension's share of the index. The tools' shares of the index add up to 1.
 */
export function weightShares(model: ScoreModel): WeightShares {
  const total = sum(model.dimensions.map((dimension) => dimension.weight));
  return {
    dimensions: model.dimensions.map((dimension) => {
      const share = total > 0 ? dimension.weight / total : 0;
      const toolTotal = sum(dimension.tools.map((tool) => tool.weight));
      return {
        code: dimension.code,
        share,
        tools: dimension.tools.map((tool) => {
          const shareOfDimension = toolTotal > 0 ? tool.weight / toolTotal : 0;
          return { code: tool.code, shareOfDimension, shareOfIndex: shareOfDimension * share };
        }),
      };
    }),
  };
}

/**
 * How a tool scores: `single` counts 1 once validated; `parts` is the mean of its parts, each 1
 * once validated; `criteria` and `levels` score the maturity the latest review measured (the mean
 * of the criteria's 1 / 0.5 / 0, or the level reached over the top level), validated or not.
 */
export type ScoringKind = "single" | "parts" | "criteria" | "levels";

export const SCORING_KINDS: readonly ScoringKind[] = ["single", "parts", "criteria", "levels"];

/** A tool's scoring kind, in the order `measuredMaturity` looks: levels, then criteria. */
export function scoringKind(
  tool: Pick<Tool, "parts" | "criteria" | "maturityLevels">,
): ScoringKind {
  if (tool.maturityLevels.length > 0) {
    return "levels";
  }
  if (tool.criteria.length > 0) {
    return "criteria";
  }
  return tool.parts.length > 0 ? "parts" : "single";
}

/** Each scoring kind in one line, for the sheet's table. */
export const SCORING_KIND_LABELS: Record<ScoringKind, string> = {
  single: "Cuenta 1 al validarse",
  parts: "Promedio de sus componentes",
  criteria: "Madurez: criterios de 1 / 0.5 / 0",
  levels: "Madurez: nivel alcanzado",
};

/** The rule of each scoring kind, in full. */
export const SCORING_KIND_RULES: Record<ScoringKind, string> = {
  single:
    "La herramienta vale 1 (100 %) cuando su entrega está validada y 0 mientras no lo esté: pendiente, en elaboración, en revisión o con observaciones.",
  parts:
    "Cada componente es una entrega con su propia evidencia y revisión, y vale 1 cuando está validado; la herramienta vale el promedio de sus componentes (la mitad de ellos validados: 50 %).",
  criteria:
    "En cada revisión se califica cada criterio con 1 (cumple), 0.5 (cumple en parte) o 0 (no cumple); la madurez de cada componente es el promedio de sus criterios y la herramienta vale el promedio de sus componentes. Cuenta la madurez medida en la revisión más reciente, esté validada la entrega o no, para que el avance parcial se vea.",
  levels:
    "En cada revisión se registra el nivel alcanzado; la herramienta vale el nivel entre el nivel más alto (nivel 2 de 3: 66.7 %). Cuenta el nivel medido en la revisión más reciente, esté validada la entrega o no.",
};

/**
 * How the exceptions to a municipality's plan count in its figures: an approved extension
 * (prórroga) and an exemption. The methodology page and its API say it in these words.
 */
export const EXCEPTION_RULES = [
  {
    title: "Prórrogas",
    rule: "Cuando el personal del órgano garante aprueba una prórroga (a petición del enlace municipal, con su motivo), el plazo vigente de esa entrega es la fecha concedida: con ella se juzga si la entrega está vencida o a tiempo, y a ella siguen los recordatorios. El plazo original se conserva y se muestra junto al prorrogado.",
  },
  {
    title: "Exenciones",
    rule: "Una herramienta que no aplica a un municipio puede declararse exenta, con su motivo. Mientras la exención esté vigente, la herramienta sale del índice de ese municipio: no cuenta en el promedio de su dimensión (ni la dimensión, si todas sus herramientas están exentas), sus entregas no cuentan en el % a tiempo y la matriz de brechas la muestra como «Exenta». Si la exención se levanta, vuelve a contar con su historial.",
  },
] as const;

/** How long a municipality has for a tool, counted from the signing of its agreement. */
export function periodRule(period: Period): string {
  switch (period.kind) {
    case "months":
      return `${period.months} ${period.months === 1 ? "mes" : "meses"} desde la firma del convenio`;
    case "annual":
      return "Anual: un ciclo por año, que vence en cada aniversario de la firma";
    case "on_agreement":
      return "Se cumple con la firma del convenio";
    case "project":
      return "Según la fecha de término de cada proyecto";
  }
}

/** One instance of a worked example, as the sheet shows it. */
export interface ExampleFact extends InstanceFacts {
  /** What the latest review measured, in words (criteria results or the level), if anything. */
  measured: string | null;
}

/** A small municipality scored by `scoreMunicipality`: the inputs and what the index makes of them. */
export interface WorkedExample {
  id: string;
  title: string;
  /** What happens in the example, in words (no figures: those come from `scores`). */
  summary: string;
  /** Where the instances not shown in `facts` stand. */
  others: string;
  signedOn: LocalDate;
  asOf: LocalDate;
  /** The instances that are not simply pending, in model order. */
  facts: ExampleFact[];
  /** The tools the example is about, in model order. */
  focus: string[];
  /** Every instance of the municipality: the facts above and everything else, pending. */
  instances: InstanceFacts[];
  scores: MunicipalityScores;
}

/** The examples' fictitious agreement: signed on a fixed day, so the examples never drift. */
export const EXAMPLE_SIGNED_ON: LocalDate = "2024-01-15";

const OTHERS_PENDING = "Las demás entregas siguen pendientes de elaboración.";
const OTHERS_VALIDATED = "Las demás herramientas están validadas desde el primer año.";

interface Change {
  tool: Tool;
  part?: string | null;
  cycle?: number;
  state: ToolState;
  firstSubmittedOn?: LocalDate | null;
  review?: { criteria?: CriterionResult[]; level?: number };
}

/**
 * The worked examples over a model version: each one picks tools of the right kind from the
 * model (a tool validated on the agreement, plain tools, a tool with parts, maturity tools, annual
 * tools), so every example exists only when the model has what it illustrates, and every figure
 * is `scoreMunicipality`'s for the model's weights.
 */
export function workedExamples(model: ModelContent): WorkedExample[] {
  const tools = model.dimensions.flatMap((dimension) => dimension.tools);
  const onAgreement = tools.filter((tool) => tool.period.kind === "on_agreement");
  const plain = tools.filter(
    (tool) => tool.period.kind === "months" && scoringKind(tool) === "single",
  );
  const annual = tools.filter((tool) => tool.period.kind === "annual");
  const withParts = tools.find((tool) => scoringKind(tool) === "parts");
  const maturity = tools.filter(
    (tool) => scoringKind(tool) === "criteria" || scoringKind(tool) === "levels",
  );
  const signedOn = EXAMPLE_SIGNED_ON;
  const agreement: Change[] = onAgreement.map((tool) => ({
    tool,
    state: "validated",
    firstSubmittedOn: signedOn,
  }));
  const build = builder(model, signedOn);
  const examples: WorkedExample[] = [];

  const firstPlain = plain[0];
  const firstAnnual = annual[0];
  const validatedTools = [firstPlain, firstAnnual].filter((tool) => tool !== undefined);
  if (validatedTools.length > 0) {
    const asOf = addMonths(signedOn, 2);
    examples.push(
      build({
        id: "validadas",
        title: `Un municipio con ${listCodes([...onAgreement, ...validatedTools])} ${onAgreement.length + validatedTools.length === 1 ? "validada" : "validadas"}`,
        summary:
          "Dos meses después de firmar el convenio, el municipio tiene validadas estas herramientas, enviadas antes de su plazo; todas las demás siguen pendientes.",
        asOf,
        focus: [...onAgreement, ...validatedTools],
        changes: [
          ...agreement,
          ...validatedTools.map(
            (tool): Change => ({
              tool,
              state: "validated",
              firstSubmittedOn: addMonths(signedOn, 1),
            }),
          ),
        ],
      }),
    );
  }

  if (withParts) {
    const [first, ...rest] = withParts.parts;
    examples.push(
      build({
        id: "componentes",
        title: `Una herramienta con componentes: ${withParts.code}`,
        summary: `${withParts.code} tiene ${withParts.parts.length} componentes; el primero está validado y ${rest.length === 1 ? "el otro está" : "los demás están"} en revisión.`,
        asOf: addMonths(signedOn, 2),
        focus: [...onAgreement, withParts],
        changes: [
          ...agreement,
          ...withParts.parts.map(
            (part): Change => ({
              tool: withParts,
              part: part.code,
              state: part === first ? "validated" : "submitted",
              firstSubmittedOn: addMonths(signedOn, 1),
            }),
          ),
        ],
      }),
    );
  }

  if (maturity.length > 0) {
    const changes = maturity.flatMap((tool) => maturityChanges(tool, signedOn));
    examples.push(
      build({
        id: "madurez",
        title: `Herramientas de madurez: ${listCodes(maturity)}`,
        summary:
          "La revisión más reciente de cada entrega midió la madurez que se indica; unas están validadas y otras devueltas con observaciones o en revisión, y todas cuentan lo medido.",
        asOf: addMonths(signedOn, 2),
        focus: [...onAgreement, ...maturity],
        changes: [...agreement, ...changes],
      }),
    );
  }

  if (annual.length > 0) {
    // Everything of the first year validated on time (maturity at the top), annual tools included.
    const firstYear: Change[] = tools.flatMap((tool) => {
      if (tool.period.kind === "on_agreement") {
        return agreement.filter((change) => change.tool === tool);
      }
      const parts: (string | null)[] =
        tool.parts.length === 0 ? [null] : tool.parts.map((part) => part.code);
      return parts.map(
        (part): Change => ({
          tool,
          part,
          state: "validated",
          firstSubmittedOn: addMonths(signedOn, 1),
          review: fullMarks(tool),
        }),
      );
    });
    const secondCycle = (state: ToolState): Change[] =>
      annual.flatMap((tool) =>
        (tool.parts.length === 0 ? [null] : tool.parts.map((part) => part.code)).map(
          (part): Change => ({ tool, part, cycle: 2, state }),
        ),
      );
    examples.push(
      build({
        id: "aniversario",
        title: "Un aniversario del convenio: el ciclo nuevo no resta",
        summary: `El municipio validó a tiempo todas las herramientas del primer año, también las anuales (${listCodes(annual)}). Un mes después del primer aniversario se abrió el ciclo 2 de las anuales, que el municipio está elaborando y aún no vence: cuenta el ciclo 1, ya validado.`,
        others: OTHERS_VALIDATED,
        asOf: addMonths(signedOn, 13),
        focus: annual,
        changes: [...firstYear, ...secondCycle("in_progress")],
      }),
    );
    examples.push(
      build({
        id: "ciclo-vencido",
        title: "Un ciclo anual que venció sin validarse",
        summary: `El mismo municipio no completó el ciclo 2 de ${listCodes(annual)}: su plazo, el segundo aniversario, pasó sin que se validara. Ese ciclo es el que cuenta y vale 0; queda vencido hasta que se valide y no cuenta como entregado a tiempo. El ciclo 3, recién abierto, no lo sustituye.`,
        others: OTHERS_VALIDATED,
        asOf: addMonths(signedOn, 25),
        focus: annual,
        changes: [...firstYear, ...secondCycle("in_progress")],
      }),
    );
  }

  const [onTime, late, returned] = plain;
  if (onTime && late) {
    const lastDeadline = addMonths(
      signedOn,
      Math.max(...[onTime, late, returned].map((tool) => months(tool))),
    );
    examples.push(
      build({
        id: "a-tiempo",
        title: "Entregas a tiempo",
        summary: `${onTime.code} se envió a revisión antes de su plazo y se validó: está a tiempo (cuenta la fecha del primer envío, aunque la validación llegue después del plazo). ${late.code} se envió después de su plazo y se validó: cuenta, pero no a tiempo.${returned ? ` ${returned.code} se envió a tiempo pero se devolvió con observaciones y su plazo ya pasó: es exigible y aún no está a tiempo.` : ""} Las demás entregas con plazo vencido siguen pendientes: también son exigibles y no están a tiempo.`,
        asOf: addMonths(lastDeadline, 2),
        focus: [...onAgreement, onTime, late, ...(returned ? [returned] : [])],
        changes: [
          ...agreement,
          {
            tool: onTime,
            state: "validated",
            firstSubmittedOn: addMonths(signedOn, months(onTime) - 1),
          },
          {
            tool: late,
            state: "validated",
            firstSubmittedOn: addMonths(signedOn, months(late) + 1),
          },
          ...(returned
            ? [
                {
                  tool: returned,
                  state: "changes_requested",
                  firstSubmittedOn: addMonths(signedOn, months(returned) - 1),
                } satisfies Change,
              ]
            : []),
        ],
      }),
    );
  }
  return examples;
}

/** A builder of examples over one model and one signing date. */
function builder(model: ModelContent, signedOn: LocalDate) {
  const scoreModel = scoreModelOf(model);
  return (example: {
    id: string;
    title: string;
    summary: string;
    others?: string;
    asOf: LocalDate;
    focus: Tool[];
    changes: Change[];
  }): WorkedExample => {
    const facts: ExampleFact[] = plannedInstances(model, signedOn, example.asOf).map((planned) => {
      const change = example.changes.find(
        (c) =>
          c.tool.code === planned.tool &&
          (c.part ?? null) === planned.part &&
          (c.cycle ?? 1) === planned.cycle,
      );
      return {
        toolCode: planned.tool,
        partCode: planned.part,
        cycle: planned.cycle,
        opensOn: planned.opensOn,
        deadline: planned.deadline,
        state: change?.state ?? "pending",
        firstSubmittedOn: change?.firstSubmittedOn ?? null,
        maturity: change?.review
          ? measuredMaturity(change.tool, {
              criteria: change.review.criteria ?? [],
              maturityLevel: change.review.level ?? null,
            })
          : null,
        measured: change?.review ? describeReview(change.tool, change.review) : null,
      };
    });
    const instances: InstanceFacts[] = facts.map(
      ({ measured: _measured, ...instance }) => instance,
    );
    const focus = new Set(example.focus.map((tool) => tool.code));
    return {
      id: example.id,
      title: example.title,
      summary: example.summary,
      others: example.others ?? OTHERS_PENDING,
      signedOn,
      asOf: example.asOf,
      facts: facts.filter((fact) => focus.has(fact.toolCode) && isNotable(fact)),
      focus: [...focus],
      instances,
      scores: scoreMunicipality(scoreModel, instances, example.asOf),
    };
  };
}

/** A fact worth showing: something happened to it, or it is a later cycle of a focused tool. */
function isNotable(fact: ExampleFact): boolean {
  return fact.state !== "pending" || fact.cycle > 1;
}

/** Part by part, a maturity tool's latest review: one validated high, one returned or in review. */
function maturityChanges(tool: Tool, signedOn: LocalDate): Change[] {
  const submitted = addMonths(signedOn, 1);
  const parts: (string | null)[] =
    tool.parts.length === 0 ? [null] : tool.parts.map((part) => part.code);
  if (scoringKind(tool) === "levels") {
    const top = Math.max(...tool.maturityLevels.map((level) => level.level));
    return parts.map((part) => ({
      tool,
      part,
      state: "submitted",
      firstSubmittedOn: submitted,
      review: { level: Math.max(0, top - 1) },
    }));
  }
  const count = tool.criteria.length;
  return parts.map((part, index) =>
    index === 0
      ? {
          tool,
          part,
          state: "validated",
          firstSubmittedOn: submitted,
          review: { criteria: tool.criteria.map((_, i) => (i === count - 1 ? 0.5 : 1)) },
        }
      : {
          tool,
          part,
          state: "changes_requested",
          firstSubmittedOn: submitted,
          review: {
            criteria: tool.criteria.map((_, i) => (i === 0 ? 1 : i === 1 ? 0.5 : 0)),
          },
        },
  );
}

/** The review that puts a tool at the top of its maturity (nothing for tools without one). */
function fullMarks(tool: Tool): Change["review"] {
  switch (scoringKind(tool)) {
    case "levels":
      return { level: Math.max(...tool.maturityLevels.map((level) => level.level)) };
    case "criteria":
      return { criteria: tool.criteria.map(() => 1) };
    default:
      return undefined;
  }
}

/** A review's measurement in words: «documentado 1 · diagramado 0.5» or «nivel 2 de 3: …». */
function describeReview(tool: Tool, review: NonNullable<Change["review"]>): string | null {
  if (review.level !== undefined && tool.maturityLevels.length > 0) {
    const top = Math.max(...tool.maturityLevels.map((level) => level.level));
    const name = tool.maturityLevels.find((level) => level.level === review.level)?.name;
    return `Nivel ${review.level} de ${top}${name ? `: ${name}` : ""}`;
  }
  if (review.criteria && review.criteria.length > 0) {
    return tool.criteria
      .map((criterion, i) => `${criterion.name}: ${review.criteria?.[i] ?? 0}`)
      .join(" · ");
  }
  return null;
}

function months(tool: Tool | undefined): number {
  return tool?.period.kind === "months" ? tool.period.months : 0;
}

/** «E1, E2 y R2». */
function listCodes(tools: readonly Tool[]): string {
  const codes = tools.map((tool) => tool.code);
  return codes.length <= 1
    ? (codes[0] ?? "")
    : `${codes.slice(0, -1).join(", ")} y ${codes[codes.length - 1]}`;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
