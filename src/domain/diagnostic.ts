import { isAgreementTool } from "./agreement-tool.js";
import { labelledCodes, type RuleProblem } from "./codes.js";
import type { PeriodKind } from "./model.js";
import { TOOL_STATE_LABELS, type ToolState } from "./tool-state.js";

/**
 * The initial diagnostic (the seed form): for each deliverable the municipality answers "ya
 * cuenta con ella" (with its supporting document) or "pendiente de elaboración". It knows the
 * present: what is already validated or in review is shown with its state, not asked.
 */

/** A diagnostic is a draft until the municipality submits it; then it is frozen. */
export const DIAGNOSTIC_STATUSES = ["draft", "submitted"] as const;
export type DiagnosticStatus = (typeof DIAGNOSTIC_STATUSES)[number];

export const [DIAGNOSTIC_ANSWERS, DIAGNOSTIC_ANSWER_LABELS] = labelledCodes({
  has: "Ya cuenta con ella",
  pending: "Pendiente de elaboración",
});
export type DiagnosticAnswer = (typeof DIAGNOSTIC_ANSWERS)[number];

/** What the rule needs to know of a row: its tool's period and its instance's current state. */
export interface DiagnosticTool {
  periodKind: PeriodKind;
  state: ToolState;
}

/**
 * Why a row is shown instead of asked: the agreement tool (done by signing), or a deliverable
 * already validated or in review (answering it would contradict what the institution holds).
 */
export type ShownReason = "agreement" | "validated" | "submitted";

/** Why the diagnostic shows this row rather than asking it; null when it asks. */
export function shownReason(tool: DiagnosticTool): ShownReason | null {
  if (isAgreementTool(tool.periodKind)) {
    return "agreement";
  }
  if (tool.state === "validated" || tool.state === "submitted") {
    return tool.state;
  }
  return null;
}

/**
 * Which tools the diagnostic may ask about: those still open (pending, in progress, with
 * observations), never the agreement tool nor a deliverable validated or in review.
 */
export function isAskedInDiagnostic(tool: DiagnosticTool): boolean {
  return shownReason(tool) === null;
}

/** The seed form's words for the agreement tool, naming the unit that keeps the agreement. */
export function agreementOnFileLabel(unitName: string): string {
  return `Realizado (convenio en archivo de ${unitName})`;
}

/**
 * What a shown row reads instead of the question: «Realizado (convenio en archivo de …)» for the
 * agreement tool, the state's label («Validada», «En revisión») otherwise; null when asked.
 */
export function shownLabel(tool: DiagnosticTool, unitName: string): string | null {
  const reason = shownReason(tool);
  if (reason === null) {
    return null;
  }
  return reason === "agreement" ? agreementOnFileLabel(unitName) : TOOL_STATE_LABELS[reason];
}

/** A row's name as messages and the acknowledgement write it: "E2 Política…", "R1 a) Oficial…". */
export function diagnosticItemLabel(item: {
  tool: string;
  toolName: string;
  part: string | null;
  partName: string | null;
}): string {
  return item.part
    ? `${item.tool} ${item.part}) ${item.partName ?? item.toolName}`
    : `${item.tool} ${item.toolName}`;
}

/** The refusal of an answer for a row the diagnostic does not ask, naming it and saying why. */
export function notAskedMessage(label: string, reason: ShownReason): string {
  switch (reason) {
    case "agreement":
      return `${label} se realizó con la firma del convenio: el diagnóstico no la pregunta.`;
    case "validated":
      return `${label} ya está validada: el diagnóstico no la pregunta.`;
    case "submitted":
      return `${label} está en revisión: el diagnóstico no la pregunta.`;
  }
}

/** One row as the submission rule reads it. */
export interface DiagnosticRow extends DiagnosticTool {
  /** A key the caller recognises the row by (the instance's id). */
  key: string;
  label: string;
  answer: DiagnosticAnswer | null;
  evidenceCount: number;
}

export interface DiagnosticProblem {
  key: string;
  message: string;
}

/**
 * What stops a diagnostic from being sent: an asked row without an answer, or an asked row that
 * claims the tool ("ya cuenta con ella") without its supporting document. Rows it shows are not
 * asked, so they need nothing.
 */
export function submissionProblems(rows: readonly DiagnosticRow[]): DiagnosticProblem[] {
  const asked = rows.filter(isAskedInDiagnostic);
  return [
    ...asked
      .filter((row) => row.answer === null)
      .map((row) => ({ key: row.key, message: `Sin respuesta: ${row.label}.` })),
    ...asked
      .filter((row) => row.answer === "has" && row.evidenceCount === 0)
      .map((row) => ({ key: row.key, message: `Falta el documento comprobatorio: ${row.label}.` })),
  ];
}

/**
 * What a submitted diagnostic certifies about one row, as of now. The agreement tool reads as in
 * the seed form; a claim keeps its answer and documents; a tool validated or in review reads its
 * state, whatever it was answered (never «Pendiente de elaboración» for a validated tool); a
 * pending answer reads as such, with the state it reached since.
 */
export function acknowledgedAs(
  row: DiagnosticTool & { answer: DiagnosticAnswer | null; evidenceCount: number },
  unitName: string,
): string {
  if (isAgreementTool(row.periodKind)) {
    return agreementOnFileLabel(unitName);
  }
  const stateLabel = TOOL_STATE_LABELS[row.state];
  if (row.answer === "has") {
    const documents = `${row.evidenceCount} documento${row.evidenceCount === 1 ? "" : "s"}`;
    return `Cuenta con ella (${documents}); estado actual: ${stateLabel}`;
  }
  if (row.answer === null || row.state === "validated" || row.state === "submitted") {
    return stateLabel;
  }
  return row.state === "pending"
    ? DIAGNOSTIC_ANSWER_LABELS.pending
    : `${DIAGNOSTIC_ANSWER_LABELS.pending}; estado actual: ${stateLabel}`;
}

export interface DiagnosticTally {
  /** Claimed with a supporting document. */
  claimed: number;
  /** Answered pending and neither validated nor in review since. */
  pending: number;
  /** Validated or in review without a claim in the diagnostic (asked or not). */
  done: number;
}

/** The acknowledgement's summary, as of now: the agreement tool is counted apart. */
export function tallyDiagnostic(
  rows: readonly (DiagnosticTool & { answer: DiagnosticAnswer | null })[],
): DiagnosticTally {
  const tally: DiagnosticTally = { claimed: 0, pending: 0, done: 0 };
  for (const row of rows) {
    if (isAgreementTool(row.periodKind)) {
      continue;
    }
    if (row.answer === "has") {
      tally.claimed += 1;
    } else if (row.state === "validated" || row.state === "submitted") {
      tally.done += 1;
    } else {
      tally.pending += 1;
    }
  }
  return tally;
}

// --- Rounds: one diagnostic per administration ------------------------------------------------

/**
 * A municipality answers the diagnostic once per municipal administration: when a new one takes
 * office, its liaison may answer it again, and the previous round is kept, read-only, beside it.
 * A round belongs to the latest administration recorded when it was submitted (none if none was).
 */
export const DIAGNOSTIC_ROUND_PROBLEM_CODES = [
  "diagnostic_round_not_submitted",
  "diagnostic_round_same_administration",
] as const;
export type DiagnosticRoundProblem = RuleProblem<typeof DIAGNOSTIC_ROUND_PROBLEM_CODES>;

/**
 * Whether a new round may start: the current one was submitted, and an administration has been
 * recorded since (the latest recorded is not the one the current round belongs to).
 */
export function newRoundProblem(
  current: { status: DiagnosticStatus; administrationId: string | null },
  latestAdministrationId: string | null,
): DiagnosticRoundProblem | null {
  if (current.status !== "submitted") {
    return {
      code: "diagnostic_round_not_submitted",
      message: "El diagnóstico en curso aún no se envía: termínelo antes de empezar otro.",
    };
  }
  if (latestAdministrationId === null || latestAdministrationId === current.administrationId) {
    return {
      code: "diagnostic_round_same_administration",
      message:
        "El diagnóstico se responde una vez por administración: se podrá responder de nuevo cuando se registre una nueva administración municipal.",
    };
  }
  return null;
}

/** How a round reads a row: its answer, what it shows instead of asking, or nothing yet. */
export function roundReading(
  row: DiagnosticTool & { answer: DiagnosticAnswer | null },
  unitName: string,
  submitted: boolean,
): string {
  if (row.answer) {
    return DIAGNOSTIC_ANSWER_LABELS[row.answer];
  }
  const shown = shownLabel(row, unitName);
  if (shown && !submitted) {
    return `${shown} (no se pregunta)`;
  }
  return submitted ? "No se preguntó" : "Sin respuesta";
}

/** One row of the side-by-side comparison of two rounds. */
export interface RoundComparisonRow {
  key: string;
  label: string;
  previous: string;
  current: string;
  changed: boolean;
}

/**
 * The previous round beside the current one, row by row. The previous round is submitted and
 * frozen: a row it did not answer was not asked. The current round reads its answers, or, for a
 * row it does not ask, why; a row still unanswered is not counted as a change.
 */
export function compareRounds(
  rows: readonly (DiagnosticTool & { key: string; label: string })[],
  previous: Readonly<Record<string, DiagnosticAnswer>>,
  current: { answers: Readonly<Record<string, DiagnosticAnswer>>; submitted: boolean },
  unitName: string,
): RoundComparisonRow[] {
  return rows.map((row) => {
    const before = previous[row.key] ?? null;
    const after = current.answers[row.key] ?? null;
    const unanswered = after === null && !current.submitted && isAskedInDiagnostic(row);
    return {
      key: row.key,
      label: row.label,
      previous: before ? DIAGNOSTIC_ANSWER_LABELS[before] : "No se preguntó",
      current: roundReading({ ...row, answer: after }, unitName, current.submitted),
      changed: !unanswered && before !== after,
    };
  });
}
