/** Reading extension requests (prórrogas) with what names them, scoped to who asks. */
import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Extension } from "../../../contracts/extensions.js";
import type { ExtensionStatus } from "../../../domain/extensions.js";
import type { Executor } from "../../db/client.js";
import { deadlineExtensions, toolInstances, users } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { inScope } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import { instanceLabel, selectNamedInstances } from "../notifications/tool-events.js";

const requester = alias(users, "requester");
const decider = alias(users, "decider");

function selectExtensions(db: Executor, user: AuthUser, where: SQL | undefined) {
  return selectNamedInstances(db, {
    extension: deadlineExtensions,
    requestedBy: requester.name,
    decidedBy: decider.name,
  })
    .innerJoin(deadlineExtensions, eq(deadlineExtensions.toolInstanceId, toolInstances.id))
    .leftJoin(requester, eq(requester.id, deadlineExtensions.requestedBy))
    .leftJoin(decider, eq(decider.id, deadlineExtensions.decidedBy))
    .where(and(where, inScope(user, deadlineExtensions.municipalityCvegeo)));
}

type ExtensionRow = Awaited<ReturnType<typeof selectExtensions>>[number];

function present(row: ExtensionRow): Extension {
  const { extension } = row;
  return {
    id: extension.id,
    toolInstanceId: extension.toolInstanceId,
    municipality: { cvegeo: extension.municipalityCvegeo, name: row.municipality },
    tool: instanceLabel(row),
    deadlineBefore: extension.deadlineBefore,
    requestedOn: extension.requestedOn,
    reason: extension.reason,
    requestedBy: row.requestedBy,
    requestedAt: extension.requestedAt.toISOString(),
    status: extension.status,
    grantedOn: extension.grantedOn,
    decisionReason: extension.decisionReason,
    decidedBy: row.decidedBy,
    decidedAt: extension.decidedAt?.toISOString() ?? null,
  };
}

/** Every request, oldest first (the order staff decide them in), optionally of one status. */
export async function listExtensions(
  db: Executor,
  user: AuthUser,
  status: ExtensionStatus | undefined,
): Promise<Extension[]> {
  const rows = await selectExtensions(
    db,
    user,
    status ? eq(deadlineExtensions.status, status) : undefined,
  ).orderBy(asc(deadlineExtensions.requestedAt), asc(deadlineExtensions.id));
  return rows.map(present);
}

/** One instance's requests, newest first: the tool page shows the latest and its history. */
export async function instanceExtensions(
  db: Executor,
  user: AuthUser,
  instanceId: string,
): Promise<Extension[]> {
  const rows = await selectExtensions(
    db,
    user,
    eq(deadlineExtensions.toolInstanceId, instanceId),
  ).orderBy(desc(deadlineExtensions.requestedAt), desc(deadlineExtensions.id));
  return rows.map(present);
}

/** One request as its viewer may see it; 404 outside their scope. */
export async function getExtension(db: Executor, user: AuthUser, id: string): Promise<Extension> {
  const [row] = await selectExtensions(db, user, eq(deadlineExtensions.id, id));
  if (!row) {
    throw notFound("La solicitud de prórroga no existe.");
  }
  return present(row);
}
