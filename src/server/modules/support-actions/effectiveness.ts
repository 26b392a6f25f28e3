import { and, asc, desc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Effectiveness } from "../../../contracts/support.js";
import { localDateOf } from "../../../domain/dates.js";
import {
  assessGap,
  type GapAssessment,
  type GapInstance,
  tally,
  tallyBy,
} from "../../../domain/support-effectiveness.js";
import type { Executor } from "../../db/client.js";
import {
  submissions,
  supportActionAttendees,
  supportActionBaselines,
  supportActions,
  toolInstances,
} from "../../db/schema/index.js";
import { localDateSql } from "../../lib/sql-dates.js";
import { actionRelations, inModelOrder, toolNamesInForce } from "./queries.js";

interface Row {
  actionId: string;
  municipality: { cvegeo: string; name: string };
  tool: string;
  baseline: GapAssessment["stateNow"];
  facilitators: string[];
  assessment: GapAssessment;
}

/**
 * Did it work: every held action (optionally held between `from` and `to`), each invited
 * municipality × addressed tool assessed by `domain/support-effectiveness.ts`, and the tallies per
 * action, per tool and per facilitator.
 */
export async function findEffectiveness(
  db: Executor,
  options: { windowDays: number; from?: string | undefined; to?: string | undefined },
  now: Date,
): Promise<Effectiveness> {
  const today = localDateOf(now);
  const actions = await db
    .select({
      id: supportActions.id,
      title: supportActions.title,
      type: supportActions.type,
      heldOn: supportActions.heldOn,
    })
    .from(supportActions)
    .where(
      and(
        eq(supportActions.status, "held"),
        options.from ? gte(supportActions.heldOn, options.from) : undefined,
        options.to ? lte(supportActions.heldOn, options.to) : undefined,
      ),
    )
    .orderBy(desc(supportActions.heldOn), asc(supportActions.title));
  const ids = actions.map((action) => action.id);
  const names = await toolNamesInForce(db);
  if (ids.length === 0) {
    return {
      windowDays: options.windowDays,
      today,
      overall: tally([]),
      actions: [],
      byTool: [],
      byFacilitator: [],
    };
  }
  const [{ tools, invitations, facilitators }, baselines, attended] = await Promise.all([
    actionRelations(db, ids),
    db.select().from(supportActionBaselines).where(inArray(supportActionBaselines.actionId, ids)),
    attendedMunicipalities(db, ids),
  ]);

  // Every instance (and its submissions) of the municipality × tool pairs the actions addressed.
  const cvegeos = [...new Set(invitations.map((i) => i.cvegeo))];
  const codes = [...new Set(tools.map((t) => t.toolCode))];
  const scope = and(
    inArray(toolInstances.municipalityCvegeo, cvegeos),
    inArray(toolInstances.toolCode, codes),
  );
  const [instanceRows, submissionRows] = await Promise.all([
    db
      .select({
        id: toolInstances.id,
        cvegeo: toolInstances.municipalityCvegeo,
        toolCode: toolInstances.toolCode,
        partCode: toolInstances.partCode,
        cycle: toolInstances.cycle,
        opensOn: toolInstances.opensOn,
        deadline: toolInstances.deadline,
        state: toolInstances.state,
        validatedOn: localDateSql(toolInstances.validatedAt),
      })
      .from(toolInstances)
      .where(scope),
    db
      .select({ instanceId: submissions.toolInstanceId, on: localDateSql(submissions.submittedAt) })
      .from(submissions)
      .innerJoin(toolInstances, eq(toolInstances.id, submissions.toolInstanceId))
      .where(scope),
  ]);
  const submittedOn = new Map<string, string[]>();
  for (const row of submissionRows) {
    const list = submittedOn.get(row.instanceId) ?? [];
    list.push(row.on);
    submittedOn.set(row.instanceId, list);
  }
  const instances = new Map<string, GapInstance[]>();
  for (const row of instanceRows) {
    const key = `${row.cvegeo}/${row.toolCode}`;
    const list = instances.get(key) ?? [];
    list.push({
      partCode: row.partCode,
      cycle: row.cycle,
      opensOn: row.opensOn,
      deadline: row.deadline,
      state: row.state,
      validatedOn: row.validatedOn,
      submittedOn: submittedOn.get(row.id) ?? [],
    });
    instances.set(key, list);
  }
  const baselineOf = new Map(
    baselines.map((b) => [`${b.actionId}/${b.municipalityCvegeo}/${b.toolCode}`, b.state]),
  );

  const rows: Row[] = [];
  const report = actions.map((action) => {
    const heldOn = action.heldOn ?? today;
    const actionTools = inModelOrder(
      tools.filter((t) => t.actionId === action.id).map((t) => t.toolCode),
      names,
    );
    const people = facilitators.filter((f) => f.actionId === action.id);
    const actionRows: Row[] = invitations
      .filter((i) => i.actionId === action.id)
      .flatMap((invitation) =>
        actionTools.map((tool) => {
          const baseline = baselineOf.get(`${action.id}/${invitation.cvegeo}/${tool}`) ?? null;
          return {
            actionId: action.id,
            municipality: { cvegeo: invitation.cvegeo, name: invitation.name },
            tool,
            baseline,
            facilitators: people.map((p) => p.id),
            assessment: assessGap(
              {
                baseline,
                heldOn,
                attended: attended.has(`${action.id}/${invitation.cvegeo}`),
                instances: instances.get(`${invitation.cvegeo}/${tool}`) ?? [],
              },
              { windowDays: options.windowDays, today },
            ),
          };
        }),
      );
    rows.push(...actionRows);
    return {
      id: action.id,
      title: action.title,
      type: action.type,
      heldOn,
      windowEndsOn: actionRows[0]?.assessment.windowEndsOn ?? heldOn,
      facilitators: people.map((p) => p.name),
      tally: tally(actionRows.map((row) => row.assessment)),
      rows: actionRows.map((row) => ({
        municipality: row.municipality,
        tool: row.tool,
        baseline: row.baseline,
        stateNow: row.assessment.stateNow,
        submittedWithin: row.assessment.submittedWithin,
        validatedWithin: row.assessment.validatedWithin,
        outcome: row.assessment.outcome,
      })),
    };
  });

  const byTool = tallyBy(rows, (row) => [row.tool]);
  const byFacilitator = tallyBy(rows, (row) => row.facilitators);
  const actionsPer = (match: (row: Row) => boolean) =>
    new Set(rows.filter(match).map((row) => row.actionId)).size;
  const people = new Map(facilitators.map((f) => [f.id, f.name]));
  return {
    windowDays: options.windowDays,
    today,
    overall: tally(rows.map((row) => row.assessment)),
    actions: report,
    byTool: inModelOrder([...byTool.keys()], names).map((tool) => ({
      tool,
      toolName: names.get(tool) ?? tool,
      actions: actionsPer((row) => row.tool === tool),
      tally: byTool.get(tool) ?? tally([]),
    })),
    byFacilitator: [...byFacilitator.entries()]
      .map(([id, figures]) => ({
        facilitator: { id, name: people.get(id) ?? "" },
        actions: actionsPer((row) => row.facilitators.includes(id)),
        tally: figures,
      }))
      .sort((a, b) => a.facilitator.name.localeCompare(b.facilitator.name, "es")),
  };
}

/** "action/cvegeo" of every invited municipality someone attended for, in the given actions. */
async function attendedMunicipalities(db: Executor, ids: string[]): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({
      actionId: supportActionAttendees.actionId,
      cvegeo: supportActionAttendees.municipalityCvegeo,
    })
    .from(supportActionAttendees)
    .where(inArray(supportActionAttendees.actionId, ids));
  return new Set(rows.map((row) => `${row.actionId}/${row.cvegeo}`));
}
