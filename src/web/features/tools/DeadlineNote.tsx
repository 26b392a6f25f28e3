import type { ToolInstance } from "../../../contracts/participation.js";
import { deadlineText } from "./labels";

/** «Faltan 12 días» or, when overdue, a marked «Vencida hace 3 meses» (words, not only colour). */
export function DeadlineNote({
  tool,
}: {
  tool: Pick<ToolInstance, "deadline" | "daysLeft" | "state" | "overdue">;
}) {
  const text = deadlineText(tool);
  if (!text) {
    return null;
  }
  return (
    <span className={tool.overdue ? "deadline deadline--overdue" : "deadline"}>
      {tool.overdue ? (
        <span className="deadline__icon" aria-hidden="true">
          !
        </span>
      ) : null}
      {text}
    </span>
  );
}
