import { describe, expect, it } from "vitest";
import type { Extension } from "../../../contracts/extensions.js";
import { decisionProblems, pendingRequest, requestProblems } from "./extensionForms";

const TOOL = { state: "in_progress", deadline: "2025-03-31" } as const;

describe("requestProblems", () => {
  it("accepts a reasoned date after the deadline", () => {
    expect(requestProblems(TOOL, false, { requestedOn: "2025-04-30", reason: "Cambio" })).toEqual({
      fields: {},
      general: null,
    });
  });

  it("puts a date not after the deadline beside the date, in the server's words", () => {
    expect(
      requestProblems(TOOL, false, { requestedOn: "2025-03-31", reason: "Cambio" }).fields,
    ).toEqual({
      requestedOn: "La fecha solicitada debe ser posterior al plazo vigente (31/03/2025).",
    });
  });

  it("asks for a date and a reason", () => {
    expect(requestProblems(TOOL, false, { requestedOn: "", reason: "x" }).fields).toEqual({
      requestedOn: "Indique la fecha (dd/mm/aaaa).",
    });
    expect(requestProblems(TOOL, false, { requestedOn: "2025-04-30", reason: " " }).fields).toEqual(
      { reason: "Escriba el motivo." },
    );
  });

  it("refuses the whole request while another is pending", () => {
    expect(requestProblems(TOOL, true, { requestedOn: "2025-04-30", reason: "x" }).general).toBe(
      "Ya hay una solicitud de prórroga pendiente para esta herramienta.",
    );
  });
});

describe("decisionProblems", () => {
  const request = { status: "pending", deadlineBefore: "2025-03-31" } as const;

  it("needs a date after the deadline to approve, and a reason to refuse", () => {
    expect(
      decisionProblems(request, { decision: "approve", grantedOn: "2025-03-01", reason: "" })
        .fields,
    ).toEqual({
      grantedOn: "La nueva fecha debe ser posterior al plazo vigente (31/03/2025).",
    });
    expect(decisionProblems(request, { decision: "refuse", reason: "" }).fields).toEqual({
      reason: "Escriba el motivo.",
    });
    expect(
      decisionProblems(request, { decision: "approve", grantedOn: "2025-04-15", reason: "" }),
    ).toEqual({ fields: {}, general: null });
  });
});

describe("pendingRequest", () => {
  it("finds the request waiting for a decision", () => {
    const requests = [
      { id: "b", status: "pending" },
      { id: "a", status: "refused" },
    ] as Extension[];
    expect(pendingRequest(requests)?.id).toBe("b");
    expect(pendingRequest(requests.slice(1))).toBeNull();
  });
});
