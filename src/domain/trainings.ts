/**
 * The register of trainings delivered under the annual training plans (R2 for public officials,
 * R3 for citizens; issue 15): each session's date, topic, hours, audience, people trained and the
 * evidence that proves it. The register is printed with the plan's guided document and its totals
 * are what the plan reports. No I/O.
 */
import type { LocalDate } from "./dates.js";
import { isLocalDate } from "./dates.js";
import type { FieldProblem } from "./support-actions.js";
import type { ToolState } from "./tool-state.js";

/** The tools whose instances keep a training register. */
export const TRAINING_TOOLS = ["R2", "R3"] as const;

export const MAX_TRAINING_HOURS = 200;
export const MAX_PEOPLE_TRAINED = 100_000;
export const MAX_TRAINING_TEXT = 300;
export const MAX_TRAINING_EVIDENCE = 1000;

export interface TrainingInput {
  heldOn: LocalDate;
  topic: string;
  /** Hours of the session, in half hours (1.5). */
  hours: number;
  /** Who attended: «Servidores públicos de Tesorería», «Alumnos de la secundaria 12». */
  audience: string;
  peopleTrained: number;
  /** What proves it: attendance list, certificates, photographs (and where they are). */
  evidence: string;
}

/** Whether a tool keeps a training register. */
export function keepsTrainingRegister(toolCode: string): boolean {
  return (TRAINING_TOOLS as readonly string[]).includes(toolCode);
}

/** The problems of a session, by field, in Spanish; empty when it can be recorded. */
export function trainingProblems(input: TrainingInput, today: LocalDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isLocalDate(input.heldOn)) {
    problems.push({ field: "heldOn", message: "Indique la fecha en que se impartió." });
  } else if (input.heldOn > today) {
    problems.push({
      field: "heldOn",
      message: "El registro es de capacitaciones ya impartidas: la fecha no puede ser futura.",
    });
  }
  if (input.topic.trim() === "") {
    problems.push({ field: "topic", message: "Indique el tema." });
  }
  if (
    !Number.isFinite(input.hours) ||
    input.hours <= 0 ||
    input.hours > MAX_TRAINING_HOURS ||
    !Number.isInteger(input.hours * 2)
  ) {
    problems.push({
      field: "hours",
      message: `Las horas van de 0.5 a ${MAX_TRAINING_HOURS}, en medias horas.`,
    });
  }
  if (input.audience.trim() === "") {
    problems.push({ field: "audience", message: "Indique a quién se dirigió." });
  }
  if (
    !Number.isInteger(input.peopleTrained) ||
    input.peopleTrained < 1 ||
    input.peopleTrained > MAX_PEOPLE_TRAINED
  ) {
    problems.push({
      field: "peopleTrained",
      message: "Indique cuántas personas se capacitaron (al menos una).",
    });
  }
  return problems;
}

/**
 * Whether the register of an instance may change now: only R2 and R3 keep one, and a validated
 * cycle's register is what was approved.
 */
export function trainingRegisterProblem(toolCode: string, state: ToolState): string | null {
  if (!keepsTrainingRegister(toolCode)) {
    return "Solo los planes anuales de capacitación (R2 y R3) llevan registro de capacitaciones.";
  }
  if (state === "validated") {
    return "La herramienta ya está validada: su registro de capacitaciones no se modifica.";
  }
  return null;
}

export interface TrainingTotals {
  sessions: number;
  hours: number;
  peopleTrained: number;
}

/** What the register adds up to: sessions, hours and people trained. */
export function trainingTotals(
  sessions: readonly Pick<TrainingInput, "hours" | "peopleTrained">[],
): TrainingTotals {
  return {
    sessions: sessions.length,
    hours: sessions.reduce((sum, session) => sum + session.hours, 0),
    peopleTrained: sessions.reduce((sum, session) => sum + session.peopleTrained, 0),
  };
}
