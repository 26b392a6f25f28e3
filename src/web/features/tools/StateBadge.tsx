import type { ToolState } from "../../../domain/tool-state.js";
import { Badge } from "../../ui/Badge";
import { formatLocalDate } from "../../ui/format";
import { STATE_TONES, stateLabel } from "./labels";

export function StateBadge({ state }: { state: ToolState }) {
  return <Badge tone={STATE_TONES[state]}>{stateLabel(state)}</Badge>;
}

/**
 * A state loaded from the spreadsheets kept before MRTM (XLSX import) says so, so that nobody
 * takes it for a review recorded in MRTM; nothing when MRTM recorded the state.
 */
export function ImportedNote({ importedOn }: { importedOn: string | null }) {
  if (!importedOn) {
    return null;
  }
  return (
    <span className="cell-subtitle" data-testid="imported-state">
      Importado del registro previo el {formatLocalDate(importedOn)}
    </span>
  );
}
