import { and, count, desc, eq, inArray, notInArray } from "drizzle-orm";
import type { TimelineEvent } from "../../../contracts/participation.js";
import type { AuditAction } from "../../../domain/audit-events.js";
import type { Executor } from "../../db/client.js";
import {
  auditEvents,
  evidenceFiles,
  modelToolParts,
  modelTools,
  observations,
  toolInstances,
} from "../../db/schema/index.js";
import { instanceJoins } from "../../lib/instance-joins.js";

/** Sign-in events are about accounts, not about the municipality's work. */
const HIDDEN: AuditAction[] = ["auth.login", "auth.logout", "auth.login_failed", "auth.locked"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One page of everything that happened in a municipality, newest first. Events about a tool
 * instance (the instance itself, one of its evidence files, one of its observations) name the
 * tool, its part and its cycle: the page's instances are read in a few keyed queries, one after
 * another, rather than joined to the whole audit trail.
 */
export async function timelinePage(
  db: Executor,
  cvegeo: string,
  page: number,
  pageSize: number,
): Promise<{ items: TimelineEvent[]; total: number; page: number; pageSize: number }> {
  // Filtered in SQL, so that every page is full and the total is right.
  const where = and(
    eq(auditEvents.municipalityCvegeo, cvegeo),
    notInArray(auditEvents.action, HIDDEN),
  );
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [totals] = await db.select({ total: count() }).from(auditEvents).where(where);
  const instanceOf = await instancesOfEvents(db, rows);
  const tools = await toolsOfInstances(db, [...new Set(instanceOf.values())]);
  const items = rows.map((row) => {
    const instanceId = row.entityId ? instanceOf.get(`${row.entityType}:${row.entityId}`) : null;
    return {
      id: row.id,
      occurredAt: row.occurredAt.toISOString(),
      actor: row.actorLabel,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      details: row.after,
      tool: (instanceId && tools.get(instanceId)) || null,
    };
  });
  return { items, total: totals?.total ?? 0, page, pageSize };
}

type EventRow = { entityType: string; entityId: string | null };

/** The records whose events reach their tool instance through a column of their own. */
const OWNED_BY_INSTANCE = [
  {
    type: "evidence",
    table: evidenceFiles,
    id: evidenceFiles.id,
    instanceId: evidenceFiles.toolInstanceId,
  },
  {
    type: "observation",
    table: observations,
    id: observations.id,
    instanceId: observations.toolInstanceId,
  },
] as const;

/** `entityType:entityId` → the tool instance the event is about. */
async function instancesOfEvents(
  db: Executor,
  rows: readonly EventRow[],
): Promise<Map<string, string>> {
  const ids = (type: string) => [
    ...new Set(
      rows
        .filter((row) => row.entityType === type && row.entityId && UUID.test(row.entityId))
        .map((row) => row.entityId as string),
    ),
  ];
  const found = new Map<string, string>();
  for (const id of ids("tool_instance")) {
    found.set(`tool_instance:${id}`, id);
  }
  for (const { type, table, id, instanceId } of OWNED_BY_INSTANCE) {
    const wanted = ids(type);
    if (wanted.length > 0) {
      const owned = await db.select({ id, instanceId }).from(table).where(inArray(id, wanted));
      for (const row of owned) {
        found.set(`${type}:${row.id}`, row.instanceId);
      }
    }
  }
  return found;
}

/** Instance id → how the timeline names its tool. */
async function toolsOfInstances(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, NonNullable<TimelineEvent["tool"]>>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .select({
      instanceId: toolInstances.id,
      code: toolInstances.toolCode,
      name: modelTools.name,
      part: toolInstances.partCode,
      partName: modelToolParts.name,
      cycle: toolInstances.cycle,
      opensOn: toolInstances.opensOn,
      periodKind: modelTools.periodKind,
    })
    .from(toolInstances)
    .innerJoin(modelTools, instanceJoins.tool)
    .leftJoin(modelToolParts, instanceJoins.part)
    .where(inArray(toolInstances.id, [...ids]));
  return new Map(
    rows.map(({ periodKind, ...tool }) => [
      tool.instanceId,
      { ...tool, annual: periodKind === "annual" },
    ]),
  );
}
