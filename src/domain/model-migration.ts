/**
 * Moving a participant from the model version its agreement follows to a newer one (issue 16,
 * decision 0030). Tools are matched by code (and parts by code within their tool):
 * - kept: an instance whose tool and part the target still has keeps its id, state, evidence and
 *   reviews; a changed period re-dates it only while it is open (not validated);
 * - added: a tool or part the participant did not have gets an instance whose deadline is counted
 *   from the move date by the usual rules (`deadlineFor`); a kept tool that became annual gets the
 *   cycles its agreement has opened, dated from the agreement like every yearly cycle;
 * - archived: an instance whose tool or part the target no longer has leaves the score and the
 *   lists but keeps its history;
 * - refused: a move that would archive validated work of a tool the participant keeps (its part
 *   or cycle is gone), or archive work a reviewer has not decided yet. Nothing moves then.
 */
import { isAgreementTool } from "./agreement-tool.js";
import { compareDates, type LocalDate } from "./dates.js";
import { cycleOpensOn, deadlineFor, openCycles } from "./deadlines.js";
import { replanDeadline } from "./extensions.js";
import type { ModelContent, Period, Tool } from "./model.js";
import type { ToolState } from "./tool-state.js";

/** The stable error codes of a refused move. */
export const MIGRATION_PROBLEM_CODES = [
  "migration_loses_validated_work",
  "migration_work_in_review",
  "migration_same_version",
  "migration_older_version",
  "migration_version_not_published",
  "migration_not_participant",
] as const;
export type MigrationProblemCode = (typeof MIGRATION_PROBLEM_CODES)[number];

/** What the plan needs of one of the participant's instances. */
export interface MigrationInstance {
  id: string;
  tool: string;
  part: string | null;
  cycle: number;
  state: ToolState;
  deadline: LocalDate | null;
  /** The date an approved extension granted, which stays in force over a later re-dating. */
  extendedTo: LocalDate | null;
  /** Archived by an earlier move: restored if the target has its tool and part again. */
  archived: boolean;
}

export interface MigrationInput {
  from: ModelContent;
  to: ModelContent;
  /** The agreement's signing date: cycles and the deadlines of kept tools count from it. */
  signedOn: LocalDate;
  /** The day of the move: the deadlines of added tools count from it. */
  movedOn: LocalDate;
  instances: readonly MigrationInstance[];
}

export interface KeptInstance {
  id: string;
  tool: string;
  part: string | null;
  cycle: number;
  state: ToolState;
  deadlineBefore: LocalDate | null;
  /** The deadline in force after the move (the same unless its period changed and it is open). */
  deadline: LocalDate | null;
  /** The planned deadline beside an extension in force; null without an extension. */
  originalDeadline: LocalDate | null;
  /** Re-dated because the tool's period changed and the instance is open. */
  redated: boolean;
  /** It had been archived by an earlier move and comes back. */
  restored: boolean;
}

export interface AddedInstance {
  tool: string;
  part: string | null;
  cycle: number;
  opensOn: LocalDate;
  deadline: LocalDate | null;
  /** The agreement tool is done by signing: it starts validated, as at registration. */
  validatedOnSigning: boolean;
}

export interface ArchivedInstance {
  id: string;
  tool: string;
  part: string | null;
  cycle: number;
  state: ToolState;
}

export interface MigrationRefusal {
  code: MigrationProblemCode;
  tool: string;
  part: string | null;
  cycle: number;
  message: string;
}

export interface WeightChange {
  tool: string;
  from: number;
  to: number;
}

export interface MigrationPlan {
  kept: KeptInstance[];
  added: AddedInstance[];
  archived: ArchivedInstance[];
  /** Tools whose weight in the index changes (the index uses the version the participant follows). */
  weightChanges: WeightChange[];
  /** Non-empty: the move is refused and nothing changes. */
  refusals: MigrationRefusal[];
}

function toolsOf(model: ModelContent): Map<string, Tool> {
  return new Map(model.dimensions.flatMap((d) => d.tools.map((t) => [t.code, t] as const)));
}

function partCodes(tool: Tool): (string | null)[] {
  return tool.parts.length === 0 ? [null] : tool.parts.map((part) => part.code);
}

function samePeriod(a: Period, b: Period): boolean {
  return (
    a.kind === b.kind && (a.kind !== "months" || (b.kind === "months" && a.months === b.months))
  );
}

/** How an instance is named in a message: «P1 (a), ciclo 2». */
export function instanceLabel(tool: string, part: string | null, cycle: number): string {
  return `${tool}${part ? ` (${part})` : ""}${cycle > 1 ? `, ciclo ${cycle}` : ""}`;
}

/** The instance a tool (or part) gets when it first reaches a participant by a move. */
function addedFromMove(
  tool: Tool,
  part: string | null,
  signedOn: LocalDate,
  movedOn: LocalDate,
  currentCycle: number,
): AddedInstance {
  if (isAgreementTool(tool.period.kind)) {
    return {
      tool: tool.code,
      part,
      cycle: 1,
      opensOn: signedOn,
      deadline: signedOn,
      validatedOnSigning: true,
    };
  }
  return {
    tool: tool.code,
    part,
    cycle: tool.period.kind === "annual" ? currentCycle : 1,
    opensOn: movedOn,
    deadline: deadlineFor(tool.period, movedOn, 1),
    validatedOnSigning: false,
  };
}

/** The plan of moving one participant; see the module's comment for the rules. */
export function planMigration(input: MigrationInput): MigrationPlan {
  const { signedOn, movedOn } = input;
  const fromTools = toolsOf(input.from);
  const toTools = toolsOf(input.to);
  const currentCycle = openCycles(signedOn, movedOn);
  const plan: MigrationPlan = {
    kept: [],
    added: [],
    archived: [],
    weightChanges: [],
    refusals: [],
  };
  const matched = new Set<string>();

  for (const tool of toTools.values()) {
    const before = fromTools.get(tool.code);
    if (before && before.weight !== tool.weight) {
      plan.weightChanges.push({ tool: tool.code, from: before.weight, to: tool.weight });
    }
    const periodChanged = before !== undefined && !samePeriod(before.period, tool.period);
    for (const part of partCodes(tool)) {
      const existing = input.instances
        .filter(
          (instance) =>
            instance.tool === tool.code &&
            instance.part === part &&
            (tool.period.kind === "annual" || instance.cycle === 1),
        )
        .sort((a, b) => a.cycle - b.cycle);
      for (const instance of existing) {
        matched.add(instance.id);
        const open = instance.state !== "validated";
        const redated = open && periodChanged && tool.period.kind !== "project";
        const planned = redated
          ? replanDeadline(deadlineFor(tool.period, signedOn, instance.cycle), instance.extendedTo)
          : null;
        plan.kept.push({
          id: instance.id,
          tool: tool.code,
          part,
          cycle: instance.cycle,
          state: instance.state,
          deadlineBefore: instance.deadline,
          deadline: planned ? planned.deadline : instance.deadline,
          originalDeadline: planned ? planned.originalDeadline : null,
          redated,
          restored: instance.archived,
        });
      }
      const last = existing.at(-1);
      if (!last) {
        plan.added.push(addedFromMove(tool, part, signedOn, movedOn, currentCycle));
        continue;
      }
      if (tool.period.kind === "annual") {
        for (let cycle = last.cycle + 1; cycle <= currentCycle; cycle++) {
          plan.added.push({
            tool: tool.code,
            part,
            cycle,
            opensOn: cycleOpensOn(signedOn, cycle),
            deadline: deadlineFor(tool.period, signedOn, cycle),
            validatedOnSigning: false,
          });
        }
      }
    }
  }

  for (const instance of input.instances) {
    if (matched.has(instance.id) || instance.archived) {
      continue;
    }
    const label = instanceLabel(instance.tool, instance.part, instance.cycle);
    if (instance.state === "submitted") {
      plan.refusals.push({
        code: "migration_work_in_review",
        tool: instance.tool,
        part: instance.part,
        cycle: instance.cycle,
        message: `${label} está en revisión y la nueva versión no la conserva: decida la revisión antes de mover al municipio.`,
      });
      continue;
    }
    if (instance.state === "validated" && toTools.has(instance.tool)) {
      plan.refusals.push({
        code: "migration_loses_validated_work",
        tool: instance.tool,
        part: instance.part,
        cycle: instance.cycle,
        message: `${label} está validada y la nueva versión conserva la herramienta sin ese componente o ciclo: el trabajo validado se perdería.`,
      });
      continue;
    }
    plan.archived.push({
      id: instance.id,
      tool: instance.tool,
      part: instance.part,
      cycle: instance.cycle,
      state: instance.state,
    });
  }
  const order = (a: { tool: string; part: string | null; cycle: number }, b: typeof a) =>
    a.tool.localeCompare(b.tool) || (a.part ?? "").localeCompare(b.part ?? "") || a.cycle - b.cycle;
  plan.added.sort(order);
  plan.archived.sort(order);
  return plan;
}

/**
 * Whether a participant may be moved from one published version to another: only forward, to a
 * different version. Returns a Spanish message with its code, or null.
 */
export function migrationTargetProblem(
  currentVersion: number,
  targetVersion: number,
): { code: MigrationProblemCode; message: string } | null {
  if (targetVersion === currentVersion) {
    return {
      code: "migration_same_version",
      message: `El municipio ya sigue la versión ${targetVersion} del modelo.`,
    };
  }
  if (targetVersion < currentVersion) {
    return {
      code: "migration_older_version",
      message: `El municipio sigue la versión ${currentVersion}; no se puede regresar a la versión ${targetVersion}.`,
    };
  }
  return null;
}

/** Whether a deadline after the move is earlier than before (the preview points it out). */
export function deadlineMovedEarlier(kept: KeptInstance): boolean {
  return (
    kept.deadlineBefore !== null &&
    kept.deadline !== null &&
    compareDates(kept.deadline, kept.deadlineBefore) < 0
  );
}
