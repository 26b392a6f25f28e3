import { labelledCodes } from "./codes.js";
import type { ReviewDecision } from "./review.js";
import { MUNICIPAL_ROLES, type Role, STAFF_ROLES } from "./roles.js";

/** The state of a municipality's instance of a tool (or part). Overdue is derived, never a state. */
export const [TOOL_STATES, TOOL_STATE_LABELS] = labelledCodes({
  pending: "Pendiente de elaboración",
  in_progress: "En elaboración",
  submitted: "En revisión",
  changes_requested: "Con observaciones",
  validated: "Validada",
});
export type ToolState = (typeof TOOL_STATES)[number];

/**
 * What can happen to an instance. `add_evidence` is an upload or edit of drafts; `submit` sends
 * the evidence to review; `validate` and `request_changes` are the reviewer's decisions.
 */
export type ToolAction = "add_evidence" | "submit" | ReviewDecision;

export type TransitionResult =
  | { ok: true; state: ToolState }
  | { ok: false; reason: "forbidden" | "invalid_state"; message: string };

const MUNICIPAL_EDITORS: readonly Role[] = MUNICIPAL_ROLES;
const REVIEWERS: readonly Role[] = STAFF_ROLES;

/**
 * What a transition depends on besides the state and the role. `hasEvidence` guards submitting an
 * instance with nothing to review; `importedReview` marks a «En revisión» loaded from the record
 * kept before MRTM (`isImportedReview`), which has no submission in MRTM for a reviewer to decide.
 */
export interface TransitionContext {
  hasEvidence: boolean;
  importedReview?: boolean;
}

/**
 * Whether an instance is «En revisión» only because the XLSX import said so (decision 0025): its
 * review happened, or is happening, outside MRTM and MRTM holds none of its documents. The
 * municipality uploads them and sends the tool, and only that submission is reviewed in MRTM.
 * Any move in MRTM clears the import mark, so this holds until the first one.
 */
export function isImportedReview(state: ToolState, importedOn: string | Date | null): boolean {
  return state === "submitted" && importedOn !== null;
}

export const IMPORTED_REVIEW_NOTE =
  "Esta herramienta se importó «En revisión» del registro previo a MRTM, sin sus documentos: el municipio los sube y la envía a revisión, y esa entrega es la que se revisa aquí.";

/**
 * The transition table. Only the municipality submits (and, of it, only the liaison); only
 * reviewers and admins decide.
 */
export function transition(
  state: ToolState,
  action: ToolAction,
  role: Role,
  context: TransitionContext,
): TransitionResult {
  const imported = state === "submitted" && context.importedReview === true;
  switch (action) {
    case "add_evidence":
      if (!MUNICIPAL_EDITORS.includes(role)) {
        return refuse("forbidden", "Solo el municipio sube evidencia de sus herramientas.");
      }
      if (state === "submitted" && !imported) {
        return refuse(
          "invalid_state",
          "La herramienta está en revisión: espere la respuesta antes de cambiar la evidencia.",
        );
      }
      if (state === "validated") {
        return refuse("invalid_state", "La herramienta ya está validada.");
      }
      return { ok: true, state: state === "pending" ? "in_progress" : state };
    case "submit":
      if (role !== "liaison") {
        return refuse("forbidden", "Solo el enlace del municipio envía a revisión.");
      }
      if (state !== "in_progress" && state !== "changes_requested" && !imported) {
        return refuse("invalid_state", submitRefusal(state));
      }
      if (!context.hasEvidence) {
        return refuse("invalid_state", "Suba al menos un documento antes de enviar a revisión.");
      }
      return { ok: true, state: "submitted" };
    case "validate":
    case "request_changes":
      if (!REVIEWERS.includes(role)) {
        return refuse("forbidden", "Solo el personal revisor decide sobre una revisión.");
      }
      if (state !== "submitted") {
        return refuse("invalid_state", "Solo se revisa una herramienta enviada a revisión.");
      }
      if (imported) {
        return refuse("invalid_state", IMPORTED_REVIEW_NOTE);
      }
      return { ok: true, state: action === "validate" ? "validated" : "changes_requested" };
  }
}

function submitRefusal(state: ToolState): string {
  switch (state) {
    case "submitted":
      return "La herramienta ya está en revisión.";
    case "validated":
      return "La herramienta ya está validada.";
    default:
      return "Suba al menos un documento antes de enviar a revisión.";
  }
}

function refuse(reason: "forbidden" | "invalid_state", message: string): TransitionResult {
  return { ok: false, reason, message };
}
