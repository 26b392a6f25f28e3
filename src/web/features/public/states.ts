import type { PublicToolState } from "../../../domain/public-progress.js";
import type { BadgeTone } from "../../ui/Badge";

/** The badge colour of each public tool state. */
export const PUBLIC_STATE_TONES: Record<PublicToolState, BadgeTone> = {
  validated: "success",
  in_progress: "info",
  pending: "neutral",
  overdue: "danger",
};
