import { cycleNotes, type ToolStatus } from "../../domain/progress.js";

/**
 * A yearly tool's cycles beside its state, worded by the domain (`cycleNotes`): the missed
 * cycles in the danger colour («Vencida (ciclo 2)») and the cycle under way («Ciclo 5 en curso»).
 */
export function CycleNotes({
  status,
}: {
  status: Pick<ToolStatus, "cycle" | "missedCycles" | "workingCycle">;
}) {
  return (
    <>
      {cycleNotes(status).map((note) => (
        <span
          key={note.kind}
          className={`cycle-note small${note.kind === "missed" ? " cycle-note--missed" : ""}`}
        >
          {note.text}
        </span>
      ))}
    </>
  );
}
