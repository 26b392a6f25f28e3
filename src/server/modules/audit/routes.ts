import { and, count, desc, eq, ilike, inArray, or, type SQL } from "drizzle-orm";
import { AuditList, AuditQuery } from "../../../contracts/audit.js";
import { AuditChainState } from "../../../contracts/audit-chain.js";
import { type ChainBreak, describeBreak, signAnchor } from "../../../domain/audit-chain.js";
import { auditActionsNamed } from "../../../domain/audit-events.js";
import { localDateOf } from "../../../domain/dates.js";
import { canAdminister } from "../../../domain/policy.js";
import type { Database } from "../../db/client.js";
import { auditEvents } from "../../db/schema/index.js";
import { hmacSha256, verifyAuditChain } from "../../lib/audit.js";
import { routesOf } from "../../lib/operations.js";
import type { App } from "../../types.js";

export async function auditRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["auditoría"]);
  route.get(
    "/api/audit",
    "Bitácora de auditoría (administradores)",
    { querystring: AuditQuery, response: { 200: AuditList } },
    async (request) => listAuditEvents(app.deps.db, request.query),
    canAdminister,
  );

  route.get(
    "/api/audit/chain",
    "Estado de la cadena de hashes de la bitácora (administradores)",
    {
      description:
        "Sella los eventos pendientes y verifica la cadena completa; informa el primer evento eliminado, modificado o insertado.",
      response: { 200: AuditChainState },
    },
    async (): Promise<AuditChainState> => {
      const state = await verifyAuditChain(app.deps.db);
      const { verdict } = state;
      const now = app.deps.now();
      const key = app.deps.config.auditAnchorKey;
      return {
        ok: verdict.ok,
        checked: verdict.ok ? verdict.count : verdict.checked,
        lastSeq: verdict.ok && verdict.count > 0 ? verdict.lastSeq : null,
        lastHash: verdict.ok && verdict.count > 0 ? verdict.lastHash : null,
        lastEventAt: state.lastEventAt?.toISOString() ?? null,
        unsealed: state.unsealed,
        verifiedAt: now.toISOString(),
        problem: verdict.ok
          ? null
          : {
              kind: verdict.problem.kind,
              seq: verdict.problem.seq,
              id: breakEventId(verdict.problem),
              message: describeBreak(verdict.problem),
            },
        anchor:
          verdict.ok && verdict.count > 0
            ? {
                text: signAnchor(hmacSha256, key, {
                  date: localDateOf(now),
                  seq: verdict.lastSeq,
                  hash: verdict.lastHash,
                }),
                signed: key !== null,
              }
            : null,
      };
    },
    canAdminister,
  );
}

function breakEventId(problem: ChainBreak): number | null {
  switch (problem.kind) {
    case "deleted":
      return problem.nextId;
    case "modified":
    case "inserted":
      return problem.id;
    default:
      return null;
  }
}

async function listAuditEvents(db: Database, query: AuditQuery): Promise<AuditList> {
  const conditions: SQL[] = [];
  if (query.action) {
    conditions.push(eq(auditEvents.action, query.action));
  }
  if (query.entityType) {
    conditions.push(eq(auditEvents.entityType, query.entityType));
  }
  if (query.actor) {
    conditions.push(eq(auditEvents.actorId, query.actor));
  }
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The Bitácora shows actions by their Spanish names, so those are searched too.
    const named = auditActionsNamed(query.q);
    const match = or(
      ilike(auditEvents.action, pattern),
      named.length > 0 ? inArray(auditEvents.action, named) : undefined,
      ilike(auditEvents.actorLabel, pattern),
      ilike(auditEvents.entityId, pattern),
    );
    if (match) {
      conditions.push(match);
    }
  }
  const where = and(...conditions);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurredAt.toISOString(),
      actor: { id: row.actorId, label: row.actorLabel },
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      municipality: row.municipalityCvegeo,
      before: row.before,
      after: row.after,
      ip: row.ip,
    })),
    total: totals[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
