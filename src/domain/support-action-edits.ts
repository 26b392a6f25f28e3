/**
 * What an edit of a support action changes. Only what is sent and different counts: a field
 * sent with the value it has, or a list sent with the same members in another order, is no
 * change. The service checks the changes against `editProblem` and saves them.
 */
import type { LocalDate } from "./dates.js";
import type { Modality, SupportActionType } from "./support.js";
import {
  type ActionField,
  type LocalTime,
  zonedDateTime,
  zonedInstant,
} from "./support-actions.js";

/** An action's own fields, as stored (the start as an instant). */
export interface ActionDetails {
  type: SupportActionType;
  title: string;
  description: string;
  startsAt: Date;
  durationMinutes: number;
  modality: Modality;
  place: string | null;
  link: string | null;
}

/** The lists an action refers to: facilitators (user ids), tools (codes), invited (cvegeo). */
export interface ActionLists {
  facilitatorIds: string[];
  tools: string[];
  invited: string[];
}

/**
 * An edit as sent: any field may be missing (it stays); the start is sent as a local date and
 * time in the institution's time zone; an empty or null place or link clears it.
 */
export interface ActionEdit extends Partial<ActionLists> {
  type?: SupportActionType | undefined;
  title?: string | undefined;
  description?: string | undefined;
  date?: LocalDate | undefined;
  time?: LocalTime | undefined;
  durationMinutes?: number | undefined;
  modality?: Modality | undefined;
  place?: string | null | undefined;
  link?: string | null | undefined;
}

export interface ActionChanges {
  /** The action's fields after the edit (unchanged ones as they were). */
  next: ActionDetails;
  /** Only the lists that change; a missing one stays as it is. */
  lists: Partial<ActionLists>;
  /** What changed, in a stable order: the fields, then facilitators, tools and invited. */
  changed: ActionField[];
}

/** Whether two lists hold the same values, whatever their order and repeats. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((value, i) => value === right[i]);
}

const PLAIN_FIELDS = ["type", "title", "description", "durationMinutes", "modality"] as const;

const LIST_FIELDS = [
  ["facilitatorIds", "facilitators"],
  ["tools", "tools"],
  ["invited", "invited"],
] as const satisfies readonly (readonly [keyof ActionLists, ActionField])[];

/** The action after `edit`, and what the edit changes (nothing changed: `changed` is empty). */
export function actionChanges(
  current: ActionDetails,
  lists: ActionLists,
  edit: ActionEdit,
): ActionChanges {
  const wallClock = zonedDateTime(current.startsAt);
  const startsAt = zonedInstant(edit.date ?? wallClock.date, edit.time ?? wallClock.time);
  const next: ActionDetails = {
    type: edit.type ?? current.type,
    title: edit.title ?? current.title,
    description: edit.description ?? current.description,
    startsAt,
    durationMinutes: edit.durationMinutes ?? current.durationMinutes,
    modality: edit.modality ?? current.modality,
    place: edit.place === undefined ? current.place : edit.place || null,
    link: edit.link === undefined ? current.link : edit.link || null,
  };
  const changed: ActionField[] = PLAIN_FIELDS.filter((field) => next[field] !== current[field]);
  if (startsAt.getTime() !== current.startsAt.getTime()) {
    changed.push("startsAt");
  }
  if ((next.place ?? "") !== (current.place ?? "")) {
    changed.push("place");
  }
  if ((next.link ?? "") !== (current.link ?? "")) {
    changed.push("link");
  }
  const changedLists: Partial<ActionLists> = {};
  for (const [list, field] of LIST_FIELDS) {
    const sent = edit[list];
    if (sent && !sameSet(sent, lists[list])) {
      changedLists[list] = sent;
      changed.push(field);
    }
  }
  return { next, lists: changedLists, changed };
}
