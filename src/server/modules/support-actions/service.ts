import { and, eq, inArray } from "drizzle-orm";
import type {
  AttendeeRequest,
  CancelSupportActionRequest,
  CommitmentStatusRequest,
  CreateCommitmentRequest,
  CreateSupportActionRequest,
  HoldSupportActionRequest,
  MinutesRequest,
  RescheduleSupportActionRequest,
  UpdateSupportActionRequest,
} from "../../../contracts/support.js";
import type { z } from "../../../contracts/zod.js";
import type { AuditAction } from "../../../domain/audit-events.js";
import { localDateOf } from "../../../domain/dates.js";
import { toolStatuses } from "../../../domain/progress.js";
import { isMunicipalRole, isStaffRole } from "../../../domain/roles.js";
import {
  type ActionField,
  type CommitmentActor,
  commitmentChangeProblem,
  commitmentDueProblem,
  duplicateAttendeeMessage,
  editProblem,
  heldOnlyProblem,
  type StatusChange,
  sameAttendeeName,
  statusChangeProblem,
  venueProblems,
  zonedDateTime,
  zonedInstant,
} from "../../../domain/support-actions.js";
import type { Database, Executor } from "../../db/client.js";
import {
  agreements,
  commitments,
  municipalities,
  supportActionAttendees,
  supportActionBaselines,
  supportActionFacilitators,
  supportActionInvitations,
  supportActions,
  supportActionTools,
  users,
} from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { AppError, conflict, forbidden, notFound, rejectConflict } from "../../lib/errors.js";
import type { FileUpload } from "../../lib/http-files.js";
import { returnedRow } from "../../lib/rows.js";
import type { AuthUser } from "../../plugins/auth.js";
import type { BlobStore } from "../../storage/index.js";
import { attachedVersion, downloadDocument, storeDocumentVersion } from "../documents/versions.js";
import { notifySupportAction } from "../notifications/support-events.js";
import { loadInstanceFacts } from "../progress/queries.js";
import { getVisibleAction, getVisibleCommitment, toolNamesInForce } from "./queries.js";

type ActionRow = typeof supportActions.$inferSelect;
export type CreateActionInput = z.output<typeof CreateSupportActionRequest>;
export type UpdateActionInput = z.output<typeof UpdateSupportActionRequest>;

function requireStaff(user: AuthUser): void {
  if (!isStaffRole(user.role)) {
    throw forbidden(
      "Solo el personal del órgano garante programa y edita acciones de acompañamiento.",
    );
  }
}

function invalidFields(problems: { field: string; message: string }[]): AppError {
  const first = problems[0] ?? { field: "(cuerpo)", message: "Valor no válido." };
  return new AppError(
    "validation_error",
    `El campo «${first.field}» no es válido: ${first.message}`,
    problems,
  );
}

const unique = <T>(values: readonly T[]) => [...new Set(values)];

/**
 * Checks the people, tools and municipalities an action refers to: facilitators are active
 * institution staff, tools belong to the model in force, invited municipalities take part (they
 * have an agreement).
 */
async function checkReferences(
  tx: Executor,
  refs: { facilitatorIds?: string[]; tools?: string[]; invited?: string[] },
): Promise<void> {
  const problems: { field: string; message: string }[] = [];
  if (refs.facilitatorIds) {
    const ids = unique(refs.facilitatorIds);
    const found = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          inArray(users.id, ids),
          eq(users.active, true),
          inArray(users.role, ["admin", "reviewer"]),
        ),
      );
    if (found.length !== ids.length) {
      problems.push({
        field: "facilitatorIds",
        message: "Las personas facilitadoras deben ser personal activo del órgano garante.",
      });
    }
  }
  if (refs.tools) {
    const names = await toolNamesInForce(tx);
    const unknown = unique(refs.tools).filter((code) => !names.has(code));
    if (unknown.length > 0) {
      problems.push({
        field: "tools",
        message: `No son herramientas del modelo vigente: ${unknown.join(", ")}.`,
      });
    }
  }
  if (refs.invited) {
    const invited = unique(refs.invited);
    const found = await tx
      .select({ cvegeo: agreements.municipalityCvegeo })
      .from(agreements)
      .where(inArray(agreements.municipalityCvegeo, invited));
    const taking = new Set(found.map((row) => row.cvegeo));
    const missing = invited.filter((cvegeo) => !taking.has(cvegeo));
    if (missing.length > 0) {
      problems.push({
        field: "invited",
        message: `Solo se invita a municipios con convenio; no lo tienen: ${missing.join(", ")}.`,
      });
    }
  }
  if (problems.length > 0) {
    throw invalidFields(problems);
  }
}

type Relations = { facilitatorIds: string[]; tools: string[]; invited: string[] };

/** Where each list an action refers to is kept: its table, the column of the values, their rows. */
const RELATION_TABLES = {
  facilitatorIds: {
    table: supportActionFacilitators,
    value: supportActionFacilitators.userId,
    insert: (tx: Executor, actionId: string, ids: string[]) =>
      tx.insert(supportActionFacilitators).values(ids.map((userId) => ({ actionId, userId }))),
  },
  tools: {
    table: supportActionTools,
    value: supportActionTools.toolCode,
    insert: (tx: Executor, actionId: string, codes: string[]) =>
      tx.insert(supportActionTools).values(codes.map((toolCode) => ({ actionId, toolCode }))),
  },
  invited: {
    table: supportActionInvitations,
    value: supportActionInvitations.municipalityCvegeo,
    insert: (tx: Executor, actionId: string, cvegeos: string[]) =>
      tx
        .insert(supportActionInvitations)
        .values(cvegeos.map((municipalityCvegeo) => ({ actionId, municipalityCvegeo }))),
  },
} as const;

const RELATION_NAMES = Object.keys(RELATION_TABLES) as (keyof Relations)[];

/** Replaces the lists that `refs` carries (a missing list stays as it is). */
async function replaceRelations(
  tx: Executor,
  actionId: string,
  refs: Partial<Relations>,
): Promise<void> {
  for (const name of RELATION_NAMES) {
    const values = refs[name];
    if (values) {
      const { table, insert } = RELATION_TABLES[name];
      await tx.delete(table).where(eq(table.actionId, actionId));
      await insert(tx, actionId, unique(values));
    }
  }
}

/** The lists an action refers to, each sorted. */
async function relationsOf(tx: Executor, actionId: string): Promise<Relations> {
  // One after the other: a transaction is one connection, which runs one query at a time.
  const lists: (readonly [string, string[]])[] = [];
  for (const name of RELATION_NAMES) {
    const { table, value } = RELATION_TABLES[name];
    const rows = await tx.select({ value }).from(table).where(eq(table.actionId, actionId));
    lists.push([name, rows.map((row) => row.value).sort()]);
  }
  return Object.fromEntries(lists) as Relations;
}

/** The municipality an action's audit events belong to: its only invitee, if it has one. */
const auditMunicipality = (invited: readonly string[]) =>
  invited.length === 1 ? (invited[0] ?? null) : null;

/** The action's row as the audit trail keeps it. */
function snapshot(row: ActionRow, relations: Relations) {
  return {
    type: row.type,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    durationMinutes: row.durationMinutes,
    modality: row.modality,
    place: row.place,
    link: row.link,
    status: row.status,
    revision: row.revision,
    ...relations,
  };
}

/** Records an event of an action in the audit trail, under the municipality it belongs to. */
function auditAction(
  tx: Executor,
  actor: Actor,
  id: string,
  invited: readonly string[],
  event: {
    action: Extract<AuditAction, `support_action.${string}`>;
    before?: unknown;
    after: unknown;
  },
): Promise<void> {
  return recordAudit(tx, actor, {
    action: event.action,
    entityType: "support_action",
    entityId: id,
    municipality: auditMunicipality(invited),
    before: event.before,
    after: event.after,
  });
}

/** Locks an action for a change and checks the editor saw its current revision. */
async function lockForChange(
  tx: Executor,
  id: string,
  user: AuthUser,
  expectedRevision: number,
): Promise<ActionRow> {
  requireStaff(user);
  const action = await getVisibleAction(tx, id, user, true);
  if (action.revision !== expectedRevision) {
    throw conflict(
      "Otra persona modificó esta acción mientras la editaba. Recargue para ver los cambios.",
    );
  }
  return action;
}

/**
 * Locks an action for a record of what happened at it (attendance, commitments): staff only, and
 * only once the action is held; `what` names the record in the refusal.
 */
async function lockHeldAction(
  tx: Executor,
  id: string,
  user: AuthUser,
  what: string,
): Promise<ActionRow> {
  requireStaff(user);
  const action = await getVisibleAction(tx, id, user, true);
  rejectConflict(heldOnlyProblem(action.status, what));
  return action;
}

/** Staff plan a new support action. */
export async function createSupportAction(
  db: Database,
  input: CreateActionInput,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<string> {
  requireStaff(user);
  const venue = { modality: input.modality, place: input.place, link: input.link };
  const problems = venueProblems(venue);
  if (problems.length > 0) {
    throw invalidFields(problems);
  }
  return db.transaction(async (tx) => {
    await checkReferences(tx, input);
    const action = returnedRow(
      await tx
        .insert(supportActions)
        .values({
          type: input.type,
          title: input.title,
          description: input.description,
          startsAt: zonedInstant(input.date, input.time),
          durationMinutes: input.durationMinutes,
          modality: input.modality,
          place: venue.modality === "virtual" ? null : input.place,
          link: venue.modality === "in_person" ? null : input.link,
          createdBy: user.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning(),
    );
    await replaceRelations(tx, action.id, input);
    const relations = await relationsOf(tx, action.id);
    await auditAction(tx, actor, action.id, relations.invited, {
      action: "support_action.created",
      after: snapshot(action, relations),
    });
    await notifySupportAction(tx, action.id, { kind: "created" }, { actorUserId: user.id });
    return action.id;
  });
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const left = unique(a).sort();
  const right = unique(b).sort();
  return left.length === right.length && left.every((value, i) => value === right[i]);
};

/**
 * Staff edit an action. Only the fields sent and different count as changes; what may change
 * depends on the status (domain rules). Every saved change bumps the revision.
 */
export async function updateSupportAction(
  db: Database,
  id: string,
  input: UpdateActionInput,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const action = await lockForChange(tx, id, user, input.expectedRevision);
    const before = await relationsOf(tx, id);
    const current = zonedDateTime(action.startsAt);
    const startsAt = zonedInstant(input.date ?? current.date, input.time ?? current.time);
    const next = {
      type: input.type ?? action.type,
      title: input.title ?? action.title,
      description: input.description ?? action.description,
      startsAt,
      durationMinutes: input.durationMinutes ?? action.durationMinutes,
      modality: input.modality ?? action.modality,
      place: input.place === undefined ? action.place : input.place || null,
      link: input.link === undefined ? action.link : input.link || null,
    };
    const changed: ActionField[] = [];
    for (const field of ["type", "title", "description", "durationMinutes", "modality"] as const) {
      if (next[field] !== action[field]) {
        changed.push(field);
      }
    }
    if (startsAt.getTime() !== action.startsAt.getTime()) {
      changed.push("startsAt");
    }
    if ((next.place ?? "") !== (action.place ?? "")) {
      changed.push("place");
    }
    if ((next.link ?? "") !== (action.link ?? "")) {
      changed.push("link");
    }
    const refs = {
      facilitatorIds:
        input.facilitatorIds && !sameSet(input.facilitatorIds, before.facilitatorIds)
          ? input.facilitatorIds
          : undefined,
      tools: input.tools && !sameSet(input.tools, before.tools) ? input.tools : undefined,
      invited: input.invited && !sameSet(input.invited, before.invited) ? input.invited : undefined,
    };
    if (refs.facilitatorIds) {
      changed.push("facilitators");
    }
    if (refs.tools) {
      changed.push("tools");
    }
    if (refs.invited) {
      changed.push("invited");
    }
    if (changed.length === 0) {
      return;
    }
    rejectConflict(editProblem(action.status, changed));
    const venueIssues = venueProblems(next);
    if (venueIssues.length > 0) {
      throw invalidFields(venueIssues);
    }
    await checkReferences(tx, refs);
    const [updated] = await tx
      .update(supportActions)
      .set({ ...next, revision: action.revision + 1, updatedAt: now })
      .where(eq(supportActions.id, id))
      .returning();
    await replaceRelations(tx, id, refs);
    const after = await relationsOf(tx, id);
    await auditAction(tx, actor, id, after.invited, {
      action: "support_action.updated",
      before: snapshot(action, before),
      after: { ...snapshot(updated ?? action, after), changed },
    });
    await notifySupportAction(
      tx,
      id,
      { kind: "updated", changed, before },
      { actorUserId: user.id },
    );
  });
}

/**
 * Locks an action at the revision the editor saw and moves it to a new status under the domain's
 * transition rules: the row before and after, and the action's relations, for the audit event.
 */
async function changeStatus(
  tx: Executor,
  id: string,
  user: AuthUser,
  seen: { expectedRevision: number },
  change: StatusChange,
  now: Date,
) {
  const action = await lockForChange(tx, id, user, seen.expectedRevision);
  rejectConflict(statusChangeProblem(action, change, now));
  const updated = returnedRow(
    await tx
      .update(supportActions)
      .set({
        status: change.to,
        revision: action.revision + 1,
        updatedAt: now,
        ...(change.to === "cancelled" ? { cancelReason: change.reason } : {}),
        ...(change.to === "planned" ? { startsAt: change.startsAt, cancelReason: null } : {}),
        ...(change.to === "held" ? { heldOn: change.heldOn } : {}),
      })
      .where(eq(supportActions.id, action.id))
      .returning(),
    "update",
  );
  return { action, updated, ...(await relationsOf(tx, id)) };
}

/** Staff cancel a planned action, with a reason. */
export async function cancelSupportAction(
  db: Database,
  id: string,
  input: CancelSupportActionRequest,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const cancel = { to: "cancelled", reason: input.reason } as const;
    const { action, updated, invited } = await changeStatus(tx, id, user, input, cancel, now);
    await auditAction(tx, actor, id, invited, {
      action: "support_action.cancelled",
      before: { status: action.status, revision: action.revision },
      after: { status: updated.status, revision: updated.revision, reason: input.reason },
    });
    await notifySupportAction(
      tx,
      id,
      { kind: "cancelled", reason: input.reason },
      { actorUserId: user.id },
    );
  });
}

/** Staff put a cancelled action back on the calendar, on a new date still to come. */
export async function rescheduleSupportAction(
  db: Database,
  id: string,
  input: RescheduleSupportActionRequest,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = { to: "planned", startsAt: zonedInstant(input.date, input.time) } as const;
    const { action, updated, invited } = await changeStatus(tx, id, user, input, plan, now);
    await auditAction(tx, actor, id, invited, {
      action: "support_action.rescheduled",
      before: { status: action.status, startsAt: action.startsAt.toISOString() },
      after: {
        status: updated.status,
        startsAt: updated.startsAt.toISOString(),
        revision: updated.revision,
      },
    });
    await notifySupportAction(tx, id, { kind: "rescheduled" }, { actorUserId: user.id });
  });
}

/**
 * Staff record that an action took place. The baseline is taken in the same transaction: for
 * every invited municipality × addressed tool, the tool's state as progress reports it for the
 * cycle open on the day held (tools a municipality does not have get no row).
 */
export async function markSupportActionHeld(
  db: Database,
  id: string,
  input: HoldSupportActionRequest,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const hold = { to: "held", heldOn: input.heldOn } as const;
    const { action, updated, invited, tools } = await changeStatus(tx, id, user, input, hold, now);
    const baseline: (typeof supportActionBaselines.$inferInsert)[] = [];
    for (const cvegeo of invited) {
      const facts = (await loadInstanceFacts(tx, cvegeo)).get(cvegeo) ?? [];
      const statuses = toolStatuses(facts, input.heldOn);
      for (const toolCode of tools) {
        const status = statuses.get(toolCode);
        if (status) {
          baseline.push({
            actionId: id,
            municipalityCvegeo: cvegeo,
            toolCode,
            state: status.state,
          });
        }
      }
    }
    if (baseline.length > 0) {
      await tx.insert(supportActionBaselines).values(baseline);
    }
    await auditAction(tx, actor, id, invited, {
      action: "support_action.held",
      before: { status: action.status, revision: action.revision },
      after: {
        status: updated.status,
        heldOn: input.heldOn,
        revision: updated.revision,
        baseline: baseline.map((b) => `${b.municipalityCvegeo}/${b.toolCode}: ${b.state}`),
      },
    });
  });
}

/** Staff write (or correct) the minutes of a held action. */
export async function saveMinutes(
  db: Database,
  id: string,
  input: MinutesRequest,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const action = await lockForChange(tx, id, user, input.expectedRevision);
    rejectConflict(heldOnlyProblem(action.status, "El acta"));
    const minutes = input.minutes === "" ? null : input.minutes;
    if (minutes === action.minutes) {
      return;
    }
    await tx
      .update(supportActions)
      .set({ minutes, revision: action.revision + 1, updatedAt: now })
      .where(eq(supportActions.id, id));
    const { invited } = await relationsOf(tx, id);
    await auditAction(tx, actor, id, invited, {
      action: "support_action.minutes_saved",
      before: { minutes: action.minutes },
      after: { minutes, revision: action.revision + 1 },
    });
  });
}

/** Staff attach the minutes' file (signed minutes) through the one upload path; a new version each time. */
export async function attachMinutesFile(
  db: Database,
  blobs: BlobStore,
  options: FileUpload & { id: string },
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  requireStaff(user);
  const found = await getVisibleAction(db, options.id, user);
  rejectConflict(heldOnlyProblem(found.status, "El acta"));
  const target = { kind: "minutes", id: options.id } as const;
  await storeDocumentVersion(db, blobs, options, target, user, now, async (tx, insertVersion) => {
    const action = await getVisibleAction(tx, options.id, user, true);
    const { invited } = await relationsOf(tx, options.id);
    const document = await insertVersion(auditMunicipality(invited));
    await tx
      .update(supportActions)
      .set({ minutesDocumentId: document.id, revision: action.revision + 1, updatedAt: now })
      .where(eq(supportActions.id, options.id));
    await auditAction(tx, actor, options.id, invited, {
      action: "support_action.minutes_attached",
      before: { documentId: action.minutesDocumentId },
      after: attachedVersion(document),
    });
  });
}

/** The minutes' file, for anyone who may see the action; downloads are audited. */
export async function openMinutesFile(
  db: Database,
  blobs: BlobStore,
  id: string,
  user: AuthUser,
  actor: Actor,
) {
  const action = await getVisibleAction(db, id, user);
  return downloadDocument(
    db,
    blobs,
    action.minutesDocumentId,
    "El acta no tiene archivo adjunto.",
    actor,
    (document) => ({
      municipality: user.municipality?.cvegeo ?? document.municipalityCvegeo,
      after: { kind: "minutes", fileName: document.fileName, actionId: id },
    }),
  );
}

async function requireInvited(tx: Executor, actionId: string, cvegeo: string, field: string) {
  const [row] = await tx
    .select()
    .from(supportActionInvitations)
    .where(
      and(
        eq(supportActionInvitations.actionId, actionId),
        eq(supportActionInvitations.municipalityCvegeo, cvegeo),
      ),
    );
  if (!row) {
    throw invalidFields([{ field, message: "El municipio no fue invitado a esta acción." }]);
  }
}

/**
 * The same person is recorded once per municipality of an action (names compared as typed: case,
 * accents and spaces aside). The caller holds the action's lock, so two requests cannot both pass.
 */
async function rejectDuplicateAttendee(
  tx: Executor,
  id: string,
  input: AttendeeRequest,
): Promise<void> {
  const recorded = await tx
    .select({ name: supportActionAttendees.name, municipality: municipalities.name })
    .from(supportActionAttendees)
    .innerJoin(municipalities, eq(municipalities.cvegeo, supportActionAttendees.municipalityCvegeo))
    .where(
      and(
        eq(supportActionAttendees.actionId, id),
        eq(supportActionAttendees.municipalityCvegeo, input.municipality),
      ),
    );
  const same = recorded.find((row) => sameAttendeeName(row.name, input.name));
  if (same) {
    throw conflict(duplicateAttendeeMessage(same.name, same.municipality));
  }
}

/** Staff record one attendee of a held action, for one of its invited municipalities. */
export async function addAttendee(
  db: Database,
  id: string,
  input: AttendeeRequest,
  user: AuthUser,
  actor: Actor,
): Promise<string> {
  return db.transaction(async (tx) => {
    await lockHeldAction(tx, id, user, "La asistencia");
    await requireInvited(tx, id, input.municipality, "municipality");
    await rejectDuplicateAttendee(tx, id, input);
    const attendee = returnedRow(
      await tx
        .insert(supportActionAttendees)
        .values({
          actionId: id,
          municipalityCvegeo: input.municipality,
          name: input.name,
          position: input.position,
        })
        .returning({ id: supportActionAttendees.id }),
    );
    await recordAudit(tx, actor, {
      action: "support_action.attendee_added",
      entityType: "support_action",
      entityId: id,
      municipality: input.municipality,
      after: { attendeeId: attendee.id, name: input.name, position: input.position },
    });
    return attendee.id;
  });
}

/** Staff remove an attendee recorded by mistake. */
export async function removeAttendee(
  db: Database,
  id: string,
  attendeeId: string,
  user: AuthUser,
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    requireStaff(user);
    await getVisibleAction(tx, id, user, true);
    const [removed] = await tx
      .delete(supportActionAttendees)
      .where(
        and(eq(supportActionAttendees.id, attendeeId), eq(supportActionAttendees.actionId, id)),
      )
      .returning();
    if (!removed) {
      throw notFound("La persona asistente no existe.");
    }
    await recordAudit(tx, actor, {
      action: "support_action.attendee_removed",
      entityType: "support_action",
      entityId: id,
      municipality: removed.municipalityCvegeo,
      before: { attendeeId, name: removed.name, position: removed.position },
    });
  });
}

/**
 * Staff record a commitment (acuerdo) of a held action. Its owner is one of the invited
 * municipalities and/or a person: an account (staff, or of that municipality) or a name.
 */
export async function addCommitment(
  db: Database,
  id: string,
  input: z.output<typeof CreateCommitmentRequest>,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const action = await lockHeldAction(tx, id, user, "Los acuerdos");
    const dueProblem = commitmentDueProblem(input.dueOn, action.heldOn);
    if (dueProblem) {
      throw invalidFields([{ field: "dueOn", message: dueProblem }]);
    }
    let municipality = input.municipality;
    let ownerName = input.ownerName;
    if (input.ownerUserId) {
      const [owner] = await tx
        .select()
        .from(users)
        .where(and(eq(users.id, input.ownerUserId), eq(users.active, true)));
      if (!owner) {
        throw invalidFields([{ field: "ownerUserId", message: "La persona usuaria no existe." }]);
      }
      if (isMunicipalRole(owner.role)) {
        if (municipality !== null && owner.municipalityCvegeo !== municipality) {
          throw invalidFields([
            {
              field: "ownerUserId",
              message: "La persona responsable pertenece a otro municipio.",
            },
          ]);
        }
        municipality = owner.municipalityCvegeo;
      }
      ownerName = ownerName || owner.name;
    }
    if (municipality !== null) {
      await requireInvited(tx, id, municipality, "municipality");
    }
    const commitment = returnedRow(
      await tx
        .insert(commitments)
        .values({
          actionId: id,
          description: input.description,
          municipalityCvegeo: municipality,
          ownerUserId: input.ownerUserId,
          ownerName,
          dueOn: input.dueOn,
          createdAt: now,
        })
        .returning({ id: commitments.id }),
    );
    await recordAudit(tx, actor, {
      action: "commitment.created",
      entityType: "commitment",
      entityId: commitment.id,
      municipality,
      after: {
        actionId: id,
        description: input.description,
        ownerUserId: input.ownerUserId,
        ownerName,
        dueOn: input.dueOn,
      },
    });
    return commitment.id;
  });
}

const COMMITMENT_AUDIT = {
  open: "commitment.reopened",
  closed: "commitment.closed",
  cancelled: "commitment.cancelled",
} as const;

/**
 * Follows a commitment up: staff close, cancel or reopen it; the liaison of the municipality that
 * owns it closes it, with a note of how it was fulfilled. Other municipalities get 404.
 */
export async function changeCommitmentStatus(
  db: Database,
  commitmentId: string,
  input: z.output<typeof CommitmentStatusRequest>,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const visible = await getVisibleCommitment(tx, commitmentId, user);
    const [commitment] = await tx
      .select()
      .from(commitments)
      .where(eq(commitments.id, visible.id))
      .for("update");
    if (!commitment) {
      throw notFound("El acuerdo no existe.");
    }
    let who: CommitmentActor = "staff";
    if (isMunicipalRole(user.role)) {
      if (user.role !== "liaison") {
        throw forbidden("Solo el enlace del municipio da seguimiento a sus acuerdos.");
      }
      who = "owner_liaison";
    }
    rejectConflict(commitmentChangeProblem(commitment.status, input.status, who, input.note));
    const reopening = input.status === "open";
    await tx
      .update(commitments)
      .set({
        status: input.status,
        closingNote: reopening ? null : input.note,
        closedAt: reopening ? null : now,
        closedBy: reopening ? null : user.id,
      })
      .where(eq(commitments.id, commitment.id));
    await recordAudit(tx, actor, {
      action: COMMITMENT_AUDIT[input.status],
      entityType: "commitment",
      entityId: commitment.id,
      municipality: commitment.municipalityCvegeo,
      before: { status: commitment.status, closingNote: commitment.closingNote },
      after: { status: input.status, note: input.note, on: localDateOf(now) },
    });
  });
}
