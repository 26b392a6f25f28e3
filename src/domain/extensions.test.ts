import { describe, expect, it } from "vitest";
import {
  effectiveDeadline,
  extensionDecisionProblem,
  extensionRequestProblem,
  replanDeadline,
} from "./extensions.js";

const OPEN = { state: "in_progress", deadline: "2025-03-31", hasPendingRequest: false } as const;

describe("effectiveDeadline", () => {
  it("is the planned deadline without an extension", () => {
    expect(effectiveDeadline("2025-03-31", null)).toBe("2025-03-31");
    expect(effectiveDeadline(null, null)).toBeNull();
  });

  it("is the extension when it is later than the planned deadline", () => {
    expect(effectiveDeadline("2025-03-31", "2025-05-15")).toBe("2025-05-15");
  });

  it("keeps a planned deadline that moved beyond the extension", () => {
    expect(effectiveDeadline("2025-06-30", "2025-05-15")).toBe("2025-06-30");
  });
});

describe("replanDeadline", () => {
  it("moves the deadline itself when there is no extension", () => {
    expect(replanDeadline("2025-04-30", null)).toEqual({
      deadline: "2025-04-30",
      originalDeadline: null,
    });
  });

  it("keeps an approved extension and records the new planned deadline beside it", () => {
    expect(replanDeadline("2025-04-30", "2025-05-15")).toEqual({
      deadline: "2025-05-15",
      originalDeadline: "2025-04-30",
    });
  });
});

describe("extensionRequestProblem", () => {
  const ask = { reason: "Cambio de titular", requestedOn: "2025-04-30" };

  it("accepts a reasoned request for a date after the deadline in force", () => {
    expect(extensionRequestProblem(OPEN, ask)).toBeNull();
  });

  it("refuses a date on or before the deadline", () => {
    for (const requestedOn of ["2025-03-31", "2025-03-01"]) {
      expect(extensionRequestProblem(OPEN, { ...ask, requestedOn })).toEqual({
        code: "extension_date_not_after_deadline",
        message: "La fecha solicitada debe ser posterior al plazo vigente (31/03/2025).",
      });
    }
  });

  it("refuses a second request while one is pending", () => {
    expect(extensionRequestProblem({ ...OPEN, hasPendingRequest: true }, ask)?.code).toBe(
      "extension_already_pending",
    );
  });

  it("refuses a validated tool and a tool without a deadline", () => {
    expect(extensionRequestProblem({ ...OPEN, state: "validated" }, ask)?.code).toBe(
      "extension_tool_validated",
    );
    expect(extensionRequestProblem({ ...OPEN, deadline: null }, ask)?.code).toBe(
      "extension_without_deadline",
    );
  });

  it("requires a reason", () => {
    expect(extensionRequestProblem(OPEN, { ...ask, reason: "  " })?.code).toBe(
      "extension_reason_required",
    );
  });
});

describe("extensionDecisionProblem", () => {
  const pending = { status: "pending" } as const;

  it("approves with another date after the deadline", () => {
    expect(
      extensionDecisionProblem(pending, OPEN, {
        decision: "approve",
        grantedOn: "2025-04-15",
        reason: "",
      }),
    ).toBeNull();
  });

  it("refuses an approval on or before the deadline in force", () => {
    expect(
      extensionDecisionProblem(pending, OPEN, {
        decision: "approve",
        grantedOn: "2025-03-31",
        reason: "",
      })?.code,
    ).toBe("extension_date_not_after_deadline");
  });

  it("requires the reason of a refusal", () => {
    expect(extensionDecisionProblem(pending, OPEN, { decision: "refuse", reason: "" })?.code).toBe(
      "extension_reason_required",
    );
    expect(
      extensionDecisionProblem(pending, OPEN, { decision: "refuse", reason: "Sin sustento" }),
    ).toBeNull();
  });

  it("never changes a decided request", () => {
    for (const status of ["approved", "refused"] as const) {
      expect(
        extensionDecisionProblem({ status }, OPEN, { decision: "refuse", reason: "Otra vez" })
          ?.code,
      ).toBe("extension_already_decided");
    }
  });

  it("does not extend a tool validated meanwhile", () => {
    expect(
      extensionDecisionProblem(
        pending,
        { ...OPEN, state: "validated" },
        {
          decision: "approve",
          grantedOn: "2025-04-15",
          reason: "",
        },
      )?.code,
    ).toBe("extension_tool_validated");
  });
});
