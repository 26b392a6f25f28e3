/**
 * The training register's form (R2, R3): what the person types, read into the session the API
 * takes, checked with the domain's rules so each field shows its own message before sending.
 */
import type { NewTrainingSession, TrainingSession } from "../../../contracts/document-drafts.js";
import { trainingProblems } from "../../../domain/trainings.js";

export interface TrainingDraft {
  heldOn: string;
  topic: string;
  hours: string;
  audience: string;
  peopleTrained: string;
  evidence: string;
}

export const TRAINING_FIELDS = [
  "heldOn",
  "topic",
  "hours",
  "audience",
  "peopleTrained",
  "evidence",
] as const;
export type TrainingField = (typeof TRAINING_FIELDS)[number];

export function trainingDraftOf(session: TrainingSession | null): TrainingDraft {
  return session
    ? {
        heldOn: session.heldOn,
        topic: session.topic,
        hours: String(session.hours),
        audience: session.audience,
        peopleTrained: String(session.peopleTrained),
        evidence: session.evidence,
      }
    : { heldOn: "", topic: "", hours: "", audience: "", peopleTrained: "", evidence: "" };
}

/** «1,5» and «1.5» are an hour and a half; an empty or unreadable number is NaN. */
function numberOf(text: string): number {
  const trimmed = text.trim().replace(",", ".");
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

/** The session to send, or the problems by field (in Spanish) when it cannot be recorded. */
export function readTrainingDraft(
  draft: TrainingDraft,
  today: string,
):
  | { ok: true; session: NewTrainingSession }
  | { ok: false; problems: Partial<Record<TrainingField, string>> } {
  const session: NewTrainingSession = {
    heldOn: draft.heldOn,
    topic: draft.topic.trim(),
    hours: numberOf(draft.hours),
    audience: draft.audience.trim(),
    peopleTrained: numberOf(draft.peopleTrained),
    evidence: draft.evidence.trim(),
  };
  const problems: Partial<Record<TrainingField, string>> = {};
  for (const problem of trainingProblems(session, today)) {
    problems[problem.field as TrainingField] ??= problem.message;
  }
  return Object.keys(problems).length === 0 ? { ok: true, session } : { ok: false, problems };
}

/** The evidence as a link when it is a web address (http or https); null otherwise. */
export function evidenceHref(evidence: string): string | null {
  const text = evidence.trim();
  if (!/^https?:\/\/\S+$/i.test(text)) {
    return null;
  }
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
