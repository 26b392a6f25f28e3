/**
 * The public methodology (ficha técnica) of the implementation index: the model in force with
 * what each weight is worth, how each kind of tool scores, and worked examples scored by the same
 * functions that score the municipalities (`src/domain/methodology.ts`). Built once per progress
 * (a new day, any change of data or a new model version) and served like every public body.
 */
import { inArray } from "drizzle-orm";
import type { PublicMethodology } from "../../../contracts/public.js";
import { INSTITUTION_TIME_ZONE } from "../../../domain/dates.js";
import {
  EXCEPTION_RULES,
  periodRule,
  SCORING_KIND_LABELS,
  SCORING_KIND_RULES,
  SCORING_KINDS,
  scoreModelOf,
  scoringKind,
  weightShares,
  workedExamples,
} from "../../../domain/methodology.js";
import type { ModelContent } from "../../../domain/model.js";
import type { Database } from "../../db/client.js";
import { modelVersions } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { loadContent } from "../model/queries.js";
import type { RegionalProgress } from "../progress/service.js";
import { derived, progressService } from "../progress/service.js";
import { type PreparedBody, prepareBody } from "./http-cache.js";

/** A score as the screens show it (a percentage with one decimal), as a fraction. */
const shown = (score: number) => Math.round(score * 1000) / 1000;

/** The methodology as of `now`, serialized once per progress. */
export async function getPublicMethodology(db: Database, now: Date): Promise<PreparedBody> {
  const progress = await progressService(db).current(now);
  return derived(progress, "public.methodology", async () =>
    prepareBody(
      JSON.stringify(await buildMethodology(db, progress, now)),
      "application/json; charset=utf-8",
    ),
  );
}

async function buildMethodology(
  db: Database,
  progress: RegionalProgress,
  now: Date,
): Promise<PublicMethodology> {
  const inForce = progress.model.versionId;
  const followed = new Map<string, number>();
  for (const participant of progress.participants.values()) {
    followed.set(participant.modelVersionId, (followed.get(participant.modelVersionId) ?? 0) + 1);
  }
  const ids = [...new Set([...(inForce ? [inForce] : []), ...followed.keys()])];
  const versions =
    ids.length === 0
      ? []
      : await db
          .select({
            id: modelVersions.id,
            version: modelVersions.version,
            label: modelVersions.label,
            publishedAt: modelVersions.publishedAt,
          })
          .from(modelVersions)
          .where(inArray(modelVersions.id, ids));
  const version = versions.find((row) => row.id === inForce);
  if (!inForce || !version || version.version === null || !version.publishedAt) {
    throw notFound("Aún no hay un modelo publicado.");
  }
  const content = await loadContent(db, inForce, version.label);
  return {
    asOf: progress.asOf,
    timeZone: INSTITUTION_TIME_ZONE,
    generatedAt: now.toISOString(),
    dataStamp: progress.stamp,
    model: {
      version: version.version,
      label: version.label,
      publishedAt: version.publishedAt.toISOString(),
      dimensions: presentDimensions(content),
    },
    exceptionRules: EXCEPTION_RULES.map((entry) => ({ ...entry })),
    scoringRules: SCORING_KINDS.map((kind) => ({
      kind,
      label: SCORING_KIND_LABELS[kind],
      rule: SCORING_KIND_RULES[kind],
    })),
    versionsInUse: versions
      .filter((row) => followed.has(row.id) && row.version !== null)
      .map((row) => ({
        version: row.version ?? 0,
        label: row.label,
        municipalities: followed.get(row.id) ?? 0,
      }))
      .sort((a, b) => b.version - a.version),
    examples: presentExamples(content),
  };
}

function presentDimensions(content: ModelContent): PublicMethodology["model"]["dimensions"] {
  const shares = weightShares(scoreModelOf(content));
  return content.dimensions.map((dimension, d) => {
    const share = shares.dimensions[d];
    return {
      code: dimension.code,
      name: dimension.name,
      description: dimension.description,
      weight: dimension.weight,
      share: share?.share ?? 0,
      tools: dimension.tools.map((tool, t) => ({
        code: tool.code,
        name: tool.name,
        weight: tool.weight,
        shareOfDimension: share?.tools[t]?.shareOfDimension ?? 0,
        shareOfIndex: share?.tools[t]?.shareOfIndex ?? 0,
        period: tool.period,
        periodRule: periodRule(tool.period),
        scoring: scoringKind(tool),
        parts: tool.parts.map(({ code, name }) => ({ code, name })),
        criteria: tool.criteria.map(({ code, name }) => ({ code, name })),
        maturityLevels: tool.maturityLevels.map(({ level, name }) => ({ level, name })),
      })),
    };
  });
}

function presentExamples(content: ModelContent): PublicMethodology["examples"] {
  const tools = new Map(
    content.dimensions.flatMap((dimension) =>
      dimension.tools.map((tool) => [tool.code, { tool, dimension }] as const),
    ),
  );
  return workedExamples(content).map((example) => ({
    id: example.id,
    title: example.title,
    summary: example.summary,
    others: example.others,
    signedOn: example.signedOn,
    asOf: example.asOf,
    facts: example.facts.map((fact) => {
      const tool = tools.get(fact.toolCode)?.tool;
      return {
        tool: fact.toolCode,
        toolName: tool?.name ?? fact.toolCode,
        part: fact.partCode,
        partName: tool?.parts.find((part) => part.code === fact.partCode)?.name ?? null,
        cycle: fact.cycle,
        opensOn: fact.opensOn,
        deadline: fact.deadline,
        state: fact.state,
        firstSubmittedOn: fact.firstSubmittedOn,
        maturity: fact.maturity === null ? null : shown(fact.maturity),
        measured: fact.measured,
      };
    }),
    scores: {
      index: shown(example.scores.index),
      dimensions: example.scores.dimensions.map((dimension) => ({
        code: dimension.code,
        name: content.dimensions.find((d) => d.code === dimension.code)?.name ?? dimension.code,
        score: shown(dimension.score),
      })),
      tools: example.focus.map((code) => ({
        code,
        name: tools.get(code)?.tool.name ?? code,
        dimension: tools.get(code)?.dimension.code ?? "",
        score: shown(example.scores.tools.find((tool) => tool.code === code)?.score ?? 0),
      })),
      onTime: {
        due: example.scores.onTime.due,
        onTime: example.scores.onTime.onTime,
        rate: example.scores.onTime.rate === null ? null : shown(example.scores.onTime.rate),
      },
    },
  }));
}
