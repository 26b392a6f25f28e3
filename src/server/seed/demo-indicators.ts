/**
 * The demo's M2 indicators: three participants (not Toluca, whose liaison adopts the battery in
 * the demo) have adopted the battery with their targets and reported every period that has ended
 * since the start of their first reporting year (at least two quarters), through the same services
 * the screens use.
 */
import { and, eq, inArray } from "drizzle-orm";
import { localDateOf, parseLocalDate } from "../../domain/dates.js";
import {
  INDICATOR_BATTERY_2022,
  type IndicatorDefinition,
  reportablePeriods,
} from "../../domain/indicators.js";
import type { Database } from "../db/client.js";
import { toolInstances } from "../db/schema/index.js";
import {
  adoptIndicators,
  saveIndicatorPeriod,
  submitIndicatorPeriod,
} from "../modules/indicators/service.js";
import type { BlobStore } from "../storage/index.js";
import type { DemoAccount } from "./demo-progress.js";

const ADOPTERS = 3;

/** A plausible target for each indicator, scaled by the municipality's size (1 small … 3 large). */
function targetOf(item: IndicatorDefinition, size: number): number {
  switch (item.valueType) {
    case "percent":
      return 90;
    case "score":
      return 80;
    case "days":
      return 8;
    case "count":
      return item.direction === "lower" ? 2 : ([0, 40, 120, 400][size] ?? 40);
  }
}

/** A value around the target: some periods meet it, some fall short (deterministic). */
function demoValue(item: IndicatorDefinition, size: number, seed: number): number {
  const target = targetOf(item, size);
  const swing = ((seed * 37) % 21) / 100 - 0.1;
  const raw = target * (1 + (item.direction === "higher" ? swing : -swing));
  const bounded =
    item.valueType === "percent" || item.valueType === "score" ? Math.min(raw, 100) : raw;
  return item.valueType === "count"
    ? Math.max(0, Math.round(bounded))
    : Math.round(bounded * 10) / 10;
}

export async function seedDemoIndicators(
  db: Database,
  options: { blobs: BlobStore; tempDir: string; now: Date },
  liaisons: readonly DemoAccount[],
): Promise<number> {
  const { now } = options;
  const today = localDateOf(now);
  const quarters = reportablePeriods("quarterly", parseLocalDate(today).year - 1, today);
  const startYear = parseLocalDate(quarters.at(-2)?.startsOn ?? today).year;
  const candidates = await db
    .select({ id: toolInstances.id, cvegeo: toolInstances.municipalityCvegeo })
    .from(toolInstances)
    .where(
      and(
        eq(toolInstances.toolCode, "M2"),
        inArray(toolInstances.state, ["pending", "in_progress", "changes_requested"]),
        inArray(
          toolInstances.municipalityCvegeo,
          liaisons.flatMap((l) => (l.user.municipality ? [l.user.municipality.cvegeo] : [])),
        ),
      ),
    )
    .orderBy(toolInstances.municipalityCvegeo);
  const chosen = candidates.slice(0, ADOPTERS);
  for (const [index, instance] of chosen.entries()) {
    const account = liaisons.find((l) => l.user.municipality?.cvegeo === instance.cvegeo);
    if (!account) {
      continue;
    }
    const size = (index % 3) + 1;
    const context = { user: account.user, actor: account.actor, now };
    await adoptIndicators(
      db,
      options.blobs,
      {
        instanceId: instance.id,
        startYear,
        choices: INDICATOR_BATTERY_2022.map((item) => ({
          code: item.code,
          target: targetOf(item, size),
          excluded: false,
          exclusionReason: null,
        })),
        expectedRevision: undefined,
        maxBytes: 5 * 1024 * 1024,
        tempDir: options.tempDir,
      },
      context,
    );
    for (const periodicity of ["quarterly", "semester", "yearly"] as const) {
      for (const [p, period] of reportablePeriods(periodicity, startYear, today).entries()) {
        const items = INDICATOR_BATTERY_2022.filter((item) => item.periodicity === periodicity);
        const input = { instanceId: instance.id, periodKey: period.key };
        await saveIndicatorPeriod(
          db,
          {
            ...input,
            expectedRevision: 0,
            values: items.map((item, i) => ({
              code: item.code,
              value: demoValue(item, size, index * 7 + p * 3 + i),
              note: null,
            })),
          },
          context,
        );
        await submitIndicatorPeriod(db, { ...input, expectedRevision: 1 }, context);
      }
    }
  }
  return chosen.length;
}
