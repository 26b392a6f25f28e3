import { and, asc, desc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Effectiveness } from "../../../contracts/support.js";
import { localDateOf } from "../../../domain/dates.js";
import { effectivenessReport } from "../../../domain/support-effectiveness.js";
import type { Database } from "../../db/client.js";
import {
  submissions,
  supportActionAttendees,
  supportActionBaselines,
  supportActions,
  toolInstances,
} from "../../db/schema/index.js";
import { localDateSql } from "../../lib/sql-dates.js";
import { actionRelations, toolNamesInForce } from "./queries.js";

/**
 * Did it work: every held action (optionally held between `from` and `to`) and what it refers
 * to, read here and assembled by `effectivenessReport` (`domain/support-effectiveness.ts`): each
 * invited municipality × addressed tool assessed, and the tallies per action, tool and facilitator.
 */
export async function findEffectiveness(
  db: Database,
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
  return effectivenessReport(
    {
      actions,
      ...(await loadAddressed(
        db,
        actions.map((action) => action.id),
      )),
      toolNames: await toolNamesInForce(db),
    },
    { windowDays: options.windowDays, today },
  );
}

/**
 * What some actions refer to (tools, invitations, facilitators, baselines), and every instance
 * (with its submissions' dates) of the municipality × tool pairs they addressed.
 */
async function loadAddressed(db: Database, ids: string[]) {
  if (ids.length === 0) {
    return {
      tools: [],
      invitations: [],
      facilitators: [],
      baselines: [],
      attendances: [],
      instances: [],
      submissions: [],
    };
  }
  const [{ tools, invitations, facilitators }, baselines, attendances] = await Promise.all([
    actionRelations(db, ids),
    db.select().from(supportActionBaselines).where(inArray(supportActionBaselines.actionId, ids)),
    db
      .selectDistinct({
        actionId: supportActionAttendees.actionId,
        cvegeo: supportActionAttendees.municipalityCvegeo,
      })
      .from(supportActionAttendees)
      .where(inArray(supportActionAttendees.actionId, ids)),
  ]);
  const scope = and(
    inArray(toolInstances.municipalityCvegeo, [...new Set(invitations.map((i) => i.cvegeo))]),
    inArray(toolInstances.toolCode, [...new Set(tools.map((t) => t.toolCode))]),
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
  return {
    tools,
    invitations,
    facilitators,
    baselines,
    attendances,
    instances: instanceRows,
    submissions: submissionRows,
  };
}
