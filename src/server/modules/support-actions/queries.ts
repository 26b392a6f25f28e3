import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gte,
  inArray,
  lt,
  ne,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type {
  Commitment,
  CommitmentList,
  CommitmentQuery,
  StaffMember,
  SupportActionDetail,
  SupportActionList,
  SupportActionQuery,
  SupportActionSummary,
} from "../../../contracts/support.js";
import type { z } from "../../../contracts/zod.js";
import { localDateOf } from "../../../domain/dates.js";
import { municipalityScopeOf } from "../../../domain/policy.js";
import { isStaffRole, STAFF_ROLES } from "../../../domain/roles.js";
import { isCommitmentOverdue, zonedDateTime } from "../../../domain/support-actions.js";
import { inModelOrder } from "../../../domain/tool-order.js";
import type { Database, Executor } from "../../db/client.js";
import {
  agreements,
  commitments,
  documents,
  municipalities,
  supportActionAttendees,
  supportActionBaselines,
  supportActionFacilitators,
  supportActionInvitations,
  supportActions,
  supportActionTools,
  users,
} from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { foundRow } from "../../lib/found-row.js";
import { pageOf } from "../../lib/paged-list.js";
import type { AuthUser } from "../../plugins/auth.js";
import { documentRef } from "../documents/queries.js";
import { findPublishedModel } from "../model/queries.js";

type ActionRow = typeof supportActions.$inferSelect;

/** The municipality whose view a municipal user gets; null for staff, who see everything. */
export function ownMunicipality(user: AuthUser): string | null {
  return municipalityScopeOf(user);
}

/** Actions that invite a municipality. */
export function invites(cvegeo: string): SQL {
  return exists(
    sql`(select 1 from ${supportActionInvitations} where ${supportActionInvitations.actionId} = ${supportActions.id} and ${supportActionInvitations.municipalityCvegeo} = ${cvegeo})`,
  );
}

/**
 * The one scoping predicate of support actions: staff see all; a municipal user only the actions
 * that invite their municipality (any other answers 404).
 */
export function visibleActions(user: AuthUser): SQL | undefined {
  const own = ownMunicipality(user);
  return own === null ? undefined : invites(own);
}

/** An action the user may see, or 404. */
export async function getVisibleAction(
  db: Executor,
  id: string,
  user: AuthUser,
  lock = false,
): Promise<ActionRow> {
  const visible = and(eq(supportActions.id, id), visibleActions(user));
  return foundRow(db, supportActions, visible, "La acción de acompañamiento no existe.", lock);
}

/** Tool code → name, from the model in force (codes no longer in it keep their code). */
export async function toolNamesInForce(db: Executor): Promise<Map<string, string>> {
  const model = await findPublishedModel(db);
  return new Map(
    (model?.dimensions ?? []).flatMap((dimension) =>
      dimension.tools.map((tool) => [tool.code, tool.name] as const),
    ),
  );
}

/**
 * What these actions refer to: their tools, their invited municipalities (name and cohort, by
 * name) and their facilitators (by name), each row with its action's id.
 */
export async function actionRelations(db: Database, ids: string[]) {
  if (ids.length === 0) {
    return { tools: [], invitations: [], facilitators: [] };
  }
  const [tools, invitations, facilitators] = await Promise.all([
    db
      .select()
      .from(supportActionTools)
      .where(inArray(supportActionTools.actionId, ids))
      .orderBy(asc(supportActionTools.toolCode)),
    db
      .select({
        actionId: supportActionInvitations.actionId,
        cvegeo: supportActionInvitations.municipalityCvegeo,
        name: municipalities.name,
        cohort: agreements.cohort,
      })
      .from(supportActionInvitations)
      .innerJoin(
        municipalities,
        eq(municipalities.cvegeo, supportActionInvitations.municipalityCvegeo),
      )
      .leftJoin(
        agreements,
        eq(agreements.municipalityCvegeo, supportActionInvitations.municipalityCvegeo),
      )
      .where(inArray(supportActionInvitations.actionId, ids))
      .orderBy(asc(municipalities.nameFolded)),
    db
      .select({
        actionId: supportActionFacilitators.actionId,
        id: users.id,
        name: users.name,
        email: users.email,
      })
      .from(supportActionFacilitators)
      .innerJoin(users, eq(users.id, supportActionFacilitators.userId))
      .where(inArray(supportActionFacilitators.actionId, ids))
      .orderBy(asc(users.name)),
  ]);
  return { tools, invitations, facilitators };
}

/** The actions' relations and how many open commitments each has, for their summaries. */
async function relationsOf(db: Database, ids: string[]) {
  const [relations, open] = await Promise.all([
    actionRelations(db, ids),
    ids.length === 0
      ? []
      : db
          .select({ actionId: commitments.actionId, n: count() })
          .from(commitments)
          .where(and(inArray(commitments.actionId, ids), eq(commitments.status, "open")))
          .groupBy(commitments.actionId),
  ]);
  return { ...relations, open };
}

function summarize(
  row: ActionRow,
  relations: Awaited<ReturnType<typeof relationsOf>>,
  names: Map<string, string>,
): SupportActionSummary {
  const { date, time } = zonedDateTime(row.startsAt);
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    date,
    time,
    durationMinutes: row.durationMinutes,
    modality: row.modality,
    status: row.status,
    heldOn: row.heldOn,
    tools: inModelOrder(
      relations.tools.filter((t) => t.actionId === row.id).map((t) => t.toolCode),
      names,
    ),
    invited: relations.invitations
      .filter((i) => i.actionId === row.id)
      .map((i) => ({ cvegeo: i.cvegeo, name: i.name })),
    facilitators: relations.facilitators.filter((f) => f.actionId === row.id).map((f) => f.name),
    openCommitments: relations.open.find((o) => o.actionId === row.id)?.n ?? 0,
    revision: row.revision,
  };
}

/** Actions the user may see, filtered and paged: upcoming soonest first, the rest latest first. */
export async function listActions(
  db: Database,
  query: z.output<typeof SupportActionQuery>,
  user: AuthUser,
  now: Date,
): Promise<SupportActionList> {
  const upcoming = and(eq(supportActions.status, "planned"), gte(supportActions.startsAt, now));
  const where = and(
    visibleActions(user),
    query.status ? eq(supportActions.status, query.status) : undefined,
    query.type ? eq(supportActions.type, query.type) : undefined,
    query.when === "upcoming" ? upcoming : undefined,
    query.when === "past"
      ? or(ne(supportActions.status, "planned"), lt(supportActions.startsAt, now))
      : undefined,
    query.municipality ? invites(query.municipality) : undefined,
    query.tool
      ? exists(
          sql`(select 1 from ${supportActionTools} where ${supportActionTools.actionId} = ${supportActions.id} and ${supportActionTools.toolCode} = ${query.tool})`,
        )
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(supportActions)
      .where(where)
      .orderBy(
        query.when === "upcoming" ? asc(supportActions.startsAt) : desc(supportActions.startsAt),
        asc(supportActions.id),
      )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(supportActions).where(where),
  ]);
  const [relations, names] = await Promise.all([
    relationsOf(
      db,
      rows.map((row) => row.id),
    ),
    toolNamesInForce(db),
  ]);
  return pageOf(
    rows.map((row) => summarize(row, relations, names)),
    total,
    query,
  );
}

const closer = alias(users, "closer");

function selectCommitments(db: Executor) {
  return db
    .select({
      commitment: commitments,
      actionTitle: supportActions.title,
      heldOn: supportActions.heldOn,
      municipalityName: municipalities.name,
      closedBy: closer.name,
    })
    .from(commitments)
    .innerJoin(supportActions, eq(supportActions.id, commitments.actionId))
    .leftJoin(municipalities, eq(municipalities.cvegeo, commitments.municipalityCvegeo))
    .leftJoin(closer, eq(closer.id, commitments.closedBy));
}

type CommitmentRow = Awaited<ReturnType<typeof selectCommitments>>[number];

function presentCommitment(row: CommitmentRow, today: string): Commitment {
  const { commitment } = row;
  return {
    id: commitment.id,
    action: { id: commitment.actionId, title: row.actionTitle, heldOn: row.heldOn },
    description: commitment.description,
    municipality:
      commitment.municipalityCvegeo && row.municipalityName
        ? { cvegeo: commitment.municipalityCvegeo, name: row.municipalityName }
        : null,
    owner: {
      userId: commitment.ownerUserId,
      name: commitment.ownerName || row.municipalityName || "",
    },
    dueOn: commitment.dueOn,
    status: commitment.status,
    overdue: isCommitmentOverdue(commitment, today),
    closingNote: commitment.closingNote,
    closedAt: commitment.closedAt?.toISOString() ?? null,
    closedBy: row.closedBy,
    createdAt: commitment.createdAt.toISOString(),
  };
}

/** One commitment the user may see, or 404: staff see all; a municipality only its own. */
export async function getVisibleCommitment(
  db: Executor,
  id: string,
  user: AuthUser,
): Promise<typeof commitments.$inferSelect> {
  const own = ownMunicipality(user);
  const visible = and(
    eq(commitments.id, id),
    own === null ? undefined : eq(commitments.municipalityCvegeo, own),
  );
  return foundRow(db, commitments, visible, "El acuerdo no existe.");
}

export async function getCommitment(
  db: Executor,
  id: string,
  user: AuthUser,
  now: Date,
): Promise<Commitment> {
  await getVisibleCommitment(db, id, user);
  const [row] = await selectCommitments(db).where(eq(commitments.id, id));
  if (!row) {
    throw notFound("El acuerdo no existe.");
  }
  return presentCommitment(row, localDateOf(now));
}

/**
 * Commitments across actions: staff see every one (filter by municipality), a municipal user
 * those owned by their municipality. Overdue first, then by due date.
 */
export async function listCommitments(
  db: Database,
  query: z.output<typeof CommitmentQuery>,
  user: AuthUser,
  now: Date,
): Promise<CommitmentList> {
  const today = localDateOf(now);
  const own = ownMunicipality(user);
  const municipality = own ?? query.municipality;
  const overdue = and(eq(commitments.status, "open"), lt(commitments.dueOn, today));
  const scope = municipality ? eq(commitments.municipalityCvegeo, municipality) : undefined;
  const where = and(
    scope,
    query.status === "all" ? undefined : eq(commitments.status, query.status),
    query.overdue === "true" ? overdue : undefined,
  );
  const [rows, [total], [late]] = await Promise.all([
    selectCommitments(db)
      .where(where)
      .orderBy(
        sql`case when ${overdue} then 0 else 1 end`,
        asc(commitments.dueOn),
        asc(commitments.createdAt),
      )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(commitments).where(where),
    db.select({ n: count() }).from(commitments).where(and(scope, overdue)),
  ]);
  return {
    ...pageOf(
      rows.map((row) => presentCommitment(row, today)),
      total,
      query,
    ),
    overdue: late?.n ?? 0,
  };
}

/**
 * One action with everything its page shows. A municipal user sees only its own municipality's
 * attendees, baseline and commitments (plus commitments owned by no municipality).
 */
export async function getActionDetail(
  db: Database,
  id: string,
  user: AuthUser,
  now: Date,
): Promise<SupportActionDetail> {
  const action = await getVisibleAction(db, id, user);
  const own = ownMunicipality(user);
  const today = localDateOf(now);
  const [relations, names, [createdBy], minutesDocument, attendees, baseline, agreed] =
    await Promise.all([
      relationsOf(db, [id]),
      toolNamesInForce(db),
      action.createdBy
        ? db.select({ name: users.name }).from(users).where(eq(users.id, action.createdBy))
        : Promise.resolve([]),
      action.minutesDocumentId
        ? db
            .select()
            .from(documents)
            .where(eq(documents.id, action.minutesDocumentId))
            .then((rows) => rows[0] ?? null)
        : Promise.resolve(null),
      db
        .select({ attendee: supportActionAttendees, municipalityName: municipalities.name })
        .from(supportActionAttendees)
        .innerJoin(
          municipalities,
          eq(municipalities.cvegeo, supportActionAttendees.municipalityCvegeo),
        )
        .where(
          and(
            eq(supportActionAttendees.actionId, id),
            own === null ? undefined : eq(supportActionAttendees.municipalityCvegeo, own),
          ),
        )
        .orderBy(asc(municipalities.nameFolded), asc(supportActionAttendees.name)),
      db
        .select()
        .from(supportActionBaselines)
        .where(
          and(
            eq(supportActionBaselines.actionId, id),
            own === null ? undefined : eq(supportActionBaselines.municipalityCvegeo, own),
          ),
        ),
      selectCommitments(db)
        .where(
          and(
            eq(commitments.actionId, id),
            own === null
              ? undefined
              : or(
                  eq(commitments.municipalityCvegeo, own),
                  sql`${commitments.municipalityCvegeo} is null`,
                ),
          ),
        )
        .orderBy(asc(commitments.dueOn), asc(commitments.createdAt)),
    ]);
  const summary = summarize(action, relations, names);
  return {
    ...summary,
    description: action.description,
    place: action.place,
    link: action.link,
    cancelReason: action.cancelReason,
    toolNames: Object.fromEntries(summary.tools.map((code) => [code, names.get(code) ?? code])),
    invited: relations.invitations.map((i) => ({
      cvegeo: i.cvegeo,
      name: i.name,
      cohort: i.cohort,
    })),
    facilitators: relations.facilitators.map((f) => ({ id: f.id, name: f.name, email: f.email })),
    minutes: action.minutes,
    minutesDocument: documentRef(minutesDocument),
    attendees: attendees.map(({ attendee, municipalityName }) => ({
      id: attendee.id,
      municipality: { cvegeo: attendee.municipalityCvegeo, name: municipalityName },
      name: attendee.name,
      position: attendee.position,
    })),
    commitments: agreed.map((row) => presentCommitment(row, today)),
    baseline: baseline.map((b) => ({
      municipality: b.municipalityCvegeo,
      tool: b.toolCode,
      state: b.state,
    })),
    createdBy: createdBy?.name ?? null,
    createdAt: action.createdAt.toISOString(),
    updatedAt: action.updatedAt.toISOString(),
  };
}

/** Institution staff who can facilitate an action: active reviewers and admins, by name. */
export async function listStaff(db: Executor): Promise<StaffMember[]> {
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, [...STAFF_ROLES])))
    .orderBy(asc(users.name));
  return rows.flatMap((row) => (isStaffRole(row.role) ? [{ ...row, role: row.role }] : []));
}
