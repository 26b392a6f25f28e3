import { and, asc, eq, exists, gte, or, type SQL, sql } from "drizzle-orm";
import { isMunicipalRole, type Role } from "../../../domain/roles.js";
import { inModelOrder } from "../../../domain/tool-order.js";
import type { Database, Executor } from "../../db/client.js";
import {
  calendarFeeds,
  supportActionFacilitators,
  supportActions,
  users,
} from "../../db/schema/index.js";
import { actionRelations, invites, toolNamesInForce } from "../support-actions/queries.js";
import type { CalendarAction } from "./ics.js";

type ActionRow = typeof supportActions.$inferSelect;

/** How far back a feed reaches: a year of past actions, and everything still to come. */
export const FEED_LOOKBACK_DAYS = 365;

/** Whose calendar a feed is: the owner of an active account, found by the token's hash. */
export interface FeedOwner {
  id: string;
  role: Role;
  municipalityCvegeo: string | null;
}

export async function findFeedOwner(db: Executor, tokenHash: string): Promise<FeedOwner | null> {
  const [row] = await db
    .select({ id: users.id, role: users.role, municipalityCvegeo: users.municipalityCvegeo })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), eq(users.active, true)));
  return row ?? null;
}

export async function findFeed(db: Executor, userId: string): Promise<{ createdAt: Date } | null> {
  const [row] = await db
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId));
  return row ?? null;
}

/**
 * The actions in a person's feed. A liaison or collaborator: those that invite their
 * municipality. Staff (reviewers and admins alike): those they facilitate or created; a feed is a
 * personal agenda, so an admin does not get every action of the institution.
 */
export function feedActions(owner: FeedOwner): SQL | undefined {
  if (isMunicipalRole(owner.role)) {
    return invites(owner.municipalityCvegeo ?? "");
  }
  return or(
    eq(supportActions.createdBy, owner.id),
    exists(
      sql`(select 1 from ${supportActionFacilitators} where ${supportActionFacilitators.actionId} = ${supportActions.id} and ${supportActionFacilitators.userId} = ${owner.id})`,
    ),
  );
}

/** The actions of a feed, cancelled ones included (so subscribed calendars drop them). */
export async function loadFeedActions(
  db: Database,
  owner: FeedOwner,
  now: Date,
): Promise<CalendarAction[]> {
  const since = new Date(now.getTime() - FEED_LOOKBACK_DAYS * 86_400_000);
  const rows = await db
    .select()
    .from(supportActions)
    .where(and(feedActions(owner), gte(supportActions.startsAt, since)))
    .orderBy(asc(supportActions.startsAt));
  return withRelations(db, rows);
}

/** Tools, invited municipalities and facilitators of some actions, as the calendar shows them. */
export async function withRelations(
  db: Database,
  rows: readonly ActionRow[],
): Promise<CalendarAction[]> {
  if (rows.length === 0) {
    return [];
  }
  const ids = rows.map((row) => row.id);
  const [{ tools, invitations, facilitators }, names] = await Promise.all([
    actionRelations(db, ids),
    toolNamesInForce(db),
  ]);
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    title: row.title,
    description: row.description,
    startsAt: row.startsAt,
    durationMinutes: row.durationMinutes,
    modality: row.modality,
    place: row.place,
    link: row.link,
    status: row.status,
    cancelReason: row.cancelReason,
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    tools: inModelOrder(
      tools.filter((tool) => tool.actionId === row.id).map((tool) => tool.toolCode),
      names,
    ).map((code) => ({ code, name: names.get(code) ?? code })),
    invited: invitations
      .filter((invitation) => invitation.actionId === row.id)
      .map(({ cvegeo, name }) => ({ cvegeo, name })),
    facilitators: facilitators
      .filter((facilitator) => facilitator.actionId === row.id)
      .map((facilitator) => facilitator.name),
  }));
}
