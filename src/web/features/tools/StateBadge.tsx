import type { ToolState } from "../../../domain/tool-state.js";
import { Badge } from "../../ui/Badge";
import { STATE_TONES, stateLabel } from "./labels";

export function StateBadge({ state }: { state: ToolState }) {
  return <Badge tone={STATE_TONES[state]}>{stateLabel(state)}</Badge>;
}
