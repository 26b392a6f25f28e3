import { describe, expect, it } from "vitest";
import {
  AGREEMENT_CHANGE_KINDS,
  type AgreementStanding,
  agreementChangeProblem,
  allowedChanges,
  PARTICIPATION_STATUSES,
  participationOf,
  takesPart,
} from "./agreement-terms.js";

const NOW = new Date("2026-03-10T18:00:00Z");
const SIGNED = "2022-11-16";

function standing(overrides: Partial<AgreementStanding> = {}): AgreementStanding {
  return {
    signedOn: SIGNED,
    participation: { status: "active", since: SIGNED },
    lastChangeOn: null,
    ...overrides,
  };
}

describe("participationOf", () => {
  it("takes part from the signing date when nothing changed", () => {
    expect(participationOf(SIGNED, [])).toEqual({ status: "active", since: SIGNED });
  });

  it("keeps the date it takes part since through renewals and ratifications", () => {
    expect(
      participationOf(SIGNED, [
        { kind: "ratification", effectiveOn: "2025-02-01" },
        { kind: "renewal", effectiveOn: "2025-11-16" },
      ]),
    ).toEqual({ status: "active", since: SIGNED });
  });

  it("leaves on a suspension or termination and comes back on a resumption or a new agreement", () => {
    const suspended = [{ kind: "suspension" as const, effectiveOn: "2024-01-15" }];
    expect(participationOf(SIGNED, suspended)).toEqual({
      status: "suspended",
      since: "2024-01-15",
    });
    const resumed = [...suspended, { kind: "resumption" as const, effectiveOn: "2024-03-01" }];
    expect(participationOf(SIGNED, resumed)).toEqual({ status: "active", since: "2024-03-01" });
    const ended = [...resumed, { kind: "termination" as const, effectiveOn: "2025-06-30" }];
    expect(participationOf(SIGNED, ended)).toEqual({ status: "ended", since: "2025-06-30" });
    const back = [...ended, { kind: "renewal" as const, effectiveOn: "2026-01-20" }];
    expect(participationOf(SIGNED, back)).toEqual({ status: "active", since: "2026-01-20" });
  });

  it("keeps the first date of a standing when a terminated agreement is suspended twice", () => {
    expect(
      participationOf(SIGNED, [
        { kind: "suspension", effectiveOn: "2024-01-15" },
        { kind: "termination", effectiveOn: "2024-02-15" },
      ]),
    ).toEqual({ status: "ended", since: "2024-02-15" });
  });
});

describe("takesPart", () => {
  it("counts only an agreement in force", () => {
    expect(PARTICIPATION_STATUSES.filter((status) => takesPart({ status, since: SIGNED }))).toEqual(
      ["active"],
    );
  });
});

describe("allowedChanges", () => {
  it("lets every change happen from some standing", () => {
    const reachable = new Set(PARTICIPATION_STATUSES.flatMap((status) => allowedChanges(status)));
    expect([...reachable].sort()).toEqual([...AGREEMENT_CHANGE_KINDS].sort());
  });

  it("only follows a terminated agreement with a new one", () => {
    expect(allowedChanges("ended")).toEqual(["renewal"]);
    expect(allowedChanges("suspended")).toEqual(["resumption", "termination"]);
  });
});

describe("agreementChangeProblem", () => {
  it("accepts a termination with its reason on a past date", () => {
    expect(
      agreementChangeProblem(
        standing(),
        { kind: "termination", effectiveOn: "2026-03-01", reason: "Acuerdo de cabildo" },
        NOW,
      ),
    ).toBeNull();
  });

  it("requires a reason to terminate or suspend, not to renew or resume", () => {
    expect(
      agreementChangeProblem(
        standing(),
        { kind: "termination", effectiveOn: "2026-03-01", reason: "  " },
        NOW,
      )?.code,
    ).toBe("termination_reason_required");
    expect(
      agreementChangeProblem(
        standing(),
        { kind: "suspension", effectiveOn: "2026-03-01", reason: "" },
        NOW,
      )?.code,
    ).toBe("suspension_reason_required");
    expect(
      agreementChangeProblem(
        standing(),
        { kind: "renewal", effectiveOn: "2026-03-01", reason: "" },
        NOW,
      ),
    ).toBeNull();
    expect(
      agreementChangeProblem(
        standing({ participation: { status: "suspended", since: "2025-01-01" } }),
        { kind: "resumption", effectiveOn: "2026-03-01", reason: "" },
        NOW,
      ),
    ).toBeNull();
  });

  it("refuses a date before the signing date or the latest change, and a future date", () => {
    expect(
      agreementChangeProblem(
        standing(),
        { kind: "renewal", effectiveOn: "2022-11-15", reason: "" },
        NOW,
      ),
    ).toMatchObject({
      code: "agreement_dates_out_of_order",
      message: expect.stringContaining("16/11/2022"),
    });
    expect(
      agreementChangeProblem(
        standing({ lastChangeOn: "2025-02-01" }),
        { kind: "renewal", effectiveOn: "2025-01-31", reason: "" },
        NOW,
      )?.code,
    ).toBe("agreement_dates_out_of_order");
    expect(
      agreementChangeProblem(
        standing({ lastChangeOn: "2025-02-01" }),
        { kind: "renewal", effectiveOn: "2025-02-01", reason: "" },
        NOW,
      ),
    ).toBeNull();
    // 10 March 2026 at noon in Mexico City: the 11th is still the future.
    expect(
      agreementChangeProblem(
        standing(),
        { kind: "renewal", effectiveOn: "2026-03-11", reason: "" },
        NOW,
      )?.code,
    ).toBe("agreement_change_in_future");
  });

  it("refuses a term that ends before it starts", () => {
    expect(
      agreementChangeProblem(
        standing(),
        { kind: "renewal", effectiveOn: "2026-01-01", validUntil: "2026-01-01", reason: "" },
        NOW,
      )?.code,
    ).toBe("agreement_dates_out_of_order");
    expect(
      agreementChangeProblem(
        standing(),
        { kind: "renewal", effectiveOn: "2026-01-01", validUntil: "2027-12-31", reason: "" },
        NOW,
      ),
    ).toBeNull();
  });

  it("refuses a change the standing does not allow, naming both", () => {
    const ended = standing({ participation: { status: "ended", since: "2025-06-30" } });
    expect(
      agreementChangeProblem(
        ended,
        { kind: "suspension", effectiveOn: "2026-01-01", reason: "x" },
        NOW,
      ),
    ).toMatchObject({
      code: "agreement_change_not_allowed",
      message: expect.stringContaining("Convenio terminado"),
    });
    expect(
      agreementChangeProblem(
        standing(),
        { kind: "resumption", effectiveOn: "2026-01-01", reason: "" },
        NOW,
      )?.code,
    ).toBe("agreement_change_not_allowed");
  });
});
