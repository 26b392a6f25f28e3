import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "./roles.js";
import {
  IMPORTED_REVIEW_NOTE,
  isImportedReview,
  TOOL_STATES,
  type ToolAction,
  type ToolState,
  type TransitionResult,
  transition,
} from "./tool-state.js";

const withEvidence = { hasEvidence: true };

/** A refused transition: what is tried, by whom, and the part of the refusal that matters. */
interface Refusal {
  state: ToolState;
  action: ToolAction;
  role: Role;
  hasEvidence?: boolean;
  refusal: Partial<Extract<TransitionResult, { ok: false }>>;
}

const forbidden = { reason: "forbidden" } as const;
const invalidState = { reason: "invalid_state" } as const;

describe("transition", () => {
  it("runs the whole cycle: draft, submit, observations, resubmit, validate", () => {
    let state: ToolState = "pending";
    const step = (action: ToolAction, role: Role) => {
      const result = transition(state, action, role, withEvidence);
      if (!result.ok) {
        throw new Error(result.message);
      }
      state = result.state;
      return state;
    };
    expect(step("add_evidence", "collaborator")).toBe("in_progress");
    expect(step("submit", "liaison")).toBe("submitted");
    expect(step("request_changes", "reviewer")).toBe("changes_requested");
    expect(step("add_evidence", "liaison")).toBe("changes_requested");
    expect(step("submit", "liaison")).toBe("submitted");
    expect(step("validate", "admin")).toBe("validated");
  });

  it("lets a reviewer request changes on a submitted instance", () => {
    expect(transition("submitted", "request_changes", "reviewer", withEvidence)).toEqual({
      ok: true,
      state: "changes_requested",
    });
  });

  describe.each<[string, Refusal[]]>([
    [
      "lets only the liaison submit",
      ROLES.filter((role) => role !== "liaison").map((role) => ({
        state: "in_progress",
        action: "submit",
        role,
        refusal: forbidden,
      })),
    ],
    [
      "lets only reviewers and admins decide",
      (["liaison", "collaborator"] as const).flatMap((role) =>
        (["validate", "request_changes"] as const).map((action) => ({
          state: "submitted" as const,
          action,
          role,
          refusal: forbidden,
        })),
      ),
    ],
    [
      "lets only the municipality add evidence, and never while in review or once validated",
      [
        { state: "pending", action: "add_evidence", role: "reviewer", refusal: forbidden },
        { state: "submitted", action: "add_evidence", role: "liaison", refusal: invalidState },
        { state: "validated", action: "add_evidence", role: "liaison", refusal: invalidState },
      ],
    ],
    [
      "refuses submitting without evidence, twice, or after validation",
      [
        {
          state: "in_progress",
          action: "submit",
          role: "liaison",
          hasEvidence: false,
          refusal: { message: expect.stringContaining("Suba al menos") },
        },
        { state: "pending", action: "submit", role: "liaison", refusal: invalidState },
        {
          state: "submitted",
          action: "submit",
          role: "liaison",
          refusal: { message: "La herramienta ya está en revisión." },
        },
        {
          state: "validated",
          action: "submit",
          role: "liaison",
          refusal: { message: "La herramienta ya está validada." },
        },
      ],
    ],
    [
      "decides only on submitted instances",
      TOOL_STATES.filter((state) => state !== "submitted").map((state) => ({
        state,
        action: "validate",
        role: "reviewer",
        refusal: invalidState,
      })),
    ],
  ])("%s", (_rule, refusals) => {
    it.each(refusals)(
      "refuses $action by a $role on $state",
      ({ state, action, role, hasEvidence = true, refusal }) => {
        expect(transition(state, action, role, { hasEvidence })).toMatchObject({
          ok: false,
          ...refusal,
        });
      },
    );
  });

  describe("an «En revisión» imported from the record kept before MRTM", () => {
    const imported = { hasEvidence: true, importedReview: true };

    it("is one only while submitted and marked as imported", () => {
      expect(isImportedReview("submitted", "2026-11-20")).toBe(true);
      expect(isImportedReview("submitted", null)).toBe(false);
      expect(isImportedReview("validated", "2026-11-20")).toBe(false);
    });

    it.each([
      // The municipality's documents and the liaison's submission are taken…
      ["submitted", "add_evidence", "collaborator"],
      ["submitted", "submit", "liaison"],
      // …and a state the import did not leave in review changes as usual.
      ["in_progress", "submit", "liaison"],
    ] as const)("lets %s → %s by a %s end in «submitted»", (state, action, role) => {
      expect(transition(state, action, role, imported)).toEqual({ ok: true, state: "submitted" });
    });

    it.each([
      ["submitted", "submit", "liaison", { ...imported, hasEvidence: false }, invalidState],
      ["submitted", "submit", "collaborator", imported, forbidden],
      ["validated", "add_evidence", "liaison", imported, {}],
    ] as const)("refuses %s → %s by a %s as usual", (state, action, role, facts, refusal) => {
      expect(transition(state, action, role, facts)).toMatchObject({ ok: false, ...refusal });
    });

    it("is not decided until the municipality sends it in MRTM", () => {
      for (const action of ["validate", "request_changes"] as const) {
        expect(transition("submitted", action, "reviewer", imported)).toEqual({
          ok: false,
          reason: "invalid_state",
          message: IMPORTED_REVIEW_NOTE,
        });
      }
    });
  });
});
