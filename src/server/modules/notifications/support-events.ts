/**
 * The notifications of support actions (reuniones de trabajo, capacitaciones, asesorías), called
 * by the support-actions service in the transaction of each change. The invited municipalities'
 * liaisons and collaborators and the facilitators are told; the person who made the change is not.
 * The action's revision (bumped by every change) makes the key: an update notifies again, a retry
 * of the same change does not.
 */
import { asc, eq } from "drizzle-orm";
import {
  MODALITY_LABELS,
  SUPPORT_ACTION_TYPE_LABELS,
  type SupportActionType,
} from "../../../domain/support.js";
import type { ActionField } from "../../../domain/support-actions.js";
import type { Executor } from "../../db/client.js";
import {
  municipalities,
  supportActionFacilitators,
  supportActionInvitations,
  supportActions,
  supportActionTools,
  users,
} from "../../db/schema/index.js";
import { formatDateTimeEs } from "../../lib/dates-es.js";
import { supportActionPath } from "./paths.js";
import { municipalRecipients, type Recipient, usersById } from "./recipients.js";
import { type NotificationDraft, notify } from "./service.js";

export type SupportActionEvent =
  /** Planned: everyone concerned is invited. */
  | { kind: "created" }
  /** Edited: `changed` names the fields; `before` the invitations and facilitators before. */
  | {
      kind: "updated";
      changed: readonly ActionField[];
      before: { invited: readonly string[]; facilitatorIds: readonly string[] };
    }
  | { kind: "cancelled"; reason: string }
  /** A cancelled action back on the calendar. */
  | { kind: "rescheduled" };

const FIELD_LABELS: Record<ActionField, string> = {
  type: "el tipo",
  title: "el título",
  description: "la descripción",
  startsAt: "la fecha y hora",
  durationMinutes: "la duración",
  modality: "la modalidad",
  place: "el lugar",
  link: "el enlace",
  facilitators: "quién la imparte",
  tools: "las herramientas que atiende",
  invited: "los municipios invitados",
};

/** "la fecha y hora, el lugar y el enlace". */
function listInSpanish(items: string[]): string {
  if (items.length <= 1) {
    return items.join("");
  }
  return `${items.slice(0, -1).join(", ")} y ${items.at(-1)}`;
}

function duration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [
    hours > 0 ? `${hours} ${hours === 1 ? "hora" : "horas"}` : "",
    rest > 0 ? `${rest} min` : "",
  ];
  return parts.filter(Boolean).join(" ");
}

async function loadAction(tx: Executor, actionId: string) {
  const [action] = await tx.select().from(supportActions).where(eq(supportActions.id, actionId));
  if (!action) {
    throw new Error(`support action ${actionId} not found`);
  }
  const invited = await tx
    .select({ cvegeo: municipalities.cvegeo, name: municipalities.name })
    .from(supportActionInvitations)
    .innerJoin(
      municipalities,
      eq(municipalities.cvegeo, supportActionInvitations.municipalityCvegeo),
    )
    .where(eq(supportActionInvitations.actionId, actionId))
    .orderBy(asc(municipalities.name));
  const facilitators = await tx
    .select({ id: users.id, name: users.name })
    .from(supportActionFacilitators)
    .innerJoin(users, eq(users.id, supportActionFacilitators.userId))
    .where(eq(supportActionFacilitators.actionId, actionId))
    .orderBy(asc(users.name));
  const tools = await tx
    .select({ code: supportActionTools.toolCode })
    .from(supportActionTools)
    .where(eq(supportActionTools.actionId, actionId))
    .orderBy(asc(supportActionTools.toolCode));
  return { action, invited, facilitators, tools: tools.map((t) => t.code) };
}

type Loaded = Awaited<ReturnType<typeof loadAction>>;

/** The action's details, as every notification of it repeats them. */
function details({ action, invited, facilitators, tools }: Loaded): string {
  const lines = [
    `Fecha y hora: ${formatDateTimeEs(action.startsAt)} (hora del centro de México), ${duration(action.durationMinutes)}`,
    `Modalidad: ${MODALITY_LABELS[action.modality]}`,
    action.place ? `Lugar: ${action.place}` : "",
    action.link ? `Enlace: ${action.link}` : "",
    tools.length > 0 ? `Herramientas: ${tools.join(", ")}` : "",
    invited.length > 0 ? `Municipios invitados: ${invited.map((m) => m.name).join(", ")}` : "",
    facilitators.length > 0 ? `Imparte: ${facilitators.map((f) => f.name).join(", ")}` : "",
  ];
  const description = action.description.trim();
  return [lines.filter(Boolean).join("\n"), description].filter(Boolean).join("\n\n");
}

/**
 * Tells the people concerned by a support action about a change to it. Call it in the change's
 * transaction, after the action's row (and revision) and its relations are written.
 */
export async function notifySupportAction(
  tx: Executor,
  actionId: string,
  event: SupportActionEvent,
  options: { actorUserId?: string | null } = {},
): Promise<void> {
  const loaded = await loadAction(tx, actionId);
  const { action } = loaded;
  // Corrections to a held action (its wording, duration, facilitators) are not announced: it is over.
  if (event.kind === "updated" && action.status !== "planned") {
    return;
  }
  const type = SUPPORT_ACTION_TYPE_LABELS[action.type as SupportActionType];
  // "Capacitación «…»" in titles, "la capacitación «…»" inside sentences.
  const title = `${type} «${action.title}»`;
  const what = `${type.toLowerCase()} «${action.title}»`;
  const when = formatDateTimeEs(action.startsAt);
  const about = details(loaded);
  const key = `support:${actionId}:r${action.revision}`;
  const link = supportActionPath(actionId);

  const invitedNow = loaded.invited.map((m) => m.cvegeo);
  const facilitatorsNow = loaded.facilitators.map((f) => f.id);
  const beforeInvited = event.kind === "updated" ? event.before.invited : invitedNow;
  const beforeFacilitators =
    event.kind === "updated" ? event.before.facilitatorIds : facilitatorsNow;
  const added = {
    invited: invitedNow.filter((c) => !beforeInvited.includes(c)),
    facilitators: facilitatorsNow.filter((id) => !beforeFacilitators.includes(id)),
  };
  const removed = {
    invited: beforeInvited.filter((c) => !invitedNow.includes(c)),
    facilitators: beforeFacilitators.filter((id) => !facilitatorsNow.includes(id)),
  };

  const current = await recipientsOf(tx, invitedNow, facilitatorsNow);
  const newcomers = new Set(
    (await recipientsOf(tx, added.invited, added.facilitators)).map((r) => r.id),
  );
  const dropped = await recipientsOf(tx, removed.invited, removed.facilitators);

  const message = (recipient: Recipient): { title: string; body: string } => {
    const isFacilitator = facilitatorsNow.includes(recipient.id);
    const invitation = isFacilitator
      ? `Se le asignó para impartir la ${what}.`
      : `Su municipio está invitado a la ${what}.`;
    switch (event.kind) {
      case "created":
        return { title: `Invitación: ${title}, ${when}`, body: `${invitation}\n\n${about}` };
      case "rescheduled":
        return {
          title: `Nueva fecha: ${title}, ${when}`,
          body: `La ${what}, que se había cancelado, se programó de nuevo.\n\n${about}`,
        };
      case "cancelled":
        return {
          title: `Cancelada: ${title}`,
          body: `Se canceló la ${what} prevista para el ${when}.\n\nMotivo: ${event.reason}`,
        };
      case "updated": {
        if (newcomers.has(recipient.id)) {
          return { title: `Invitación: ${title}, ${when}`, body: `${invitation}\n\n${about}` };
        }
        const changes = listInSpanish(event.changed.map((field) => FIELD_LABELS[field]));
        return {
          title: `Cambió: ${title}, ${when}`,
          body: `Cambió ${changes || "la información"} de la ${what}.\n\n${about}`,
        };
      }
    }
  };

  const drafts: NotificationDraft[] = current
    .filter((recipient) => recipient.id !== options.actorUserId)
    .map((recipient) => ({
      userId: recipient.id,
      kind: "support_action_invitation",
      ...message(recipient),
      link,
      dedupeKey: key,
      action: "Ver la acción",
    }));
  if (event.kind === "updated") {
    for (const recipient of dropped) {
      if (recipient.id === options.actorUserId || current.some((c) => c.id === recipient.id)) {
        continue;
      }
      drafts.push({
        userId: recipient.id,
        kind: "support_action_invitation",
        title: `Ya no participa: ${title}`,
        body:
          recipient.municipality !== null
            ? `Su municipio ya no está invitado a la ${what} del ${when}.`
            : `Ya no está asignado para impartir la ${what} del ${when}.`,
        link,
        dedupeKey: key,
        action: "Ver la acción",
      });
    }
  }
  await notify(tx, drafts);
}

/** The invited municipalities' liaisons and collaborators, and the facilitators; each once. */
async function recipientsOf(
  tx: Executor,
  cvegeos: readonly string[],
  facilitatorIds: readonly string[],
): Promise<Recipient[]> {
  const people = [
    ...(await municipalRecipients(tx, [...cvegeos])),
    ...(await usersById(tx, [...facilitatorIds])),
  ];
  return [...new Map(people.map((person) => [person.id, person])).values()];
}
