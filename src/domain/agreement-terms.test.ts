import { describe, expect, it } from "vitest";
import {
  AGREEMENT_CHANGE_KINDS,
  type AgreementChangeInput,
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

/** What agreementChangeProblem says of a change (with no reason unless given), as of NOW. */
function changeProblem(
  change: Omit<AgreementChangeInput, "reason"> & { reason?: string },
  agreement: AgreementStanding = standing(),
) {
  return agreementChangeProblem(agreement, { reason: "", ...change }, NOW);
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
      changeProblem({
        kind: "termination",
        effectiveOn: "2026-03-01",
        reason: "Acuerdo de cabildo",
      }),
    ).toBeNull();
  });

  it("requires a reason to terminate or suspend, not to renew or resume", () => {
    expect(
      changeProblem({ kind: "termination", effectiveOn: "2026-03-01", reason: "  " })?.code,
    ).toBe("termination_reason_required");
    expect(changeProblem({ kind: "suspension", effectiveOn: "2026-03-01" })?.code).toBe(
      "suspension_reason_required",
    );
    expect(changeProblem({ kind: "renewal", effectiveOn: "2026-03-01" })).toBeNull();
    expect(
      changeProblem(
        { kind: "resumption", effectiveOn: "2026-03-01" },
        standing({ participation: { status: "suspended", since: "2025-01-01" } }),
      ),
    ).toBeNull();
  });

  it("refuses a date before the signing date or the latest change, and a future date", () => {
    expect(changeProblem({ kind: "renewal", effectiveOn: "2022-11-15" })).toMatchObject({
      code: "agreement_dates_out_of_order",
      message: expect.stringContaining("16/11/2022"),
    });
    expect(
      changeProblem(
        { kind: "renewal", effectiveOn: "2025-01-31" },
        standing({ lastChangeOn: "2025-02-01" }),
      )?.code,
    ).toBe("agreement_dates_out_of_order");
    expect(
      changeProblem(
        { kind: "renewal", effectiveOn: "2025-02-01" },
        standing({ lastChangeOn: "2025-02-01" }),
      ),
    ).toBeNull();
    // 10 March 2026 at noon in Mexico City: the 11th is still the future.
    expect(changeProblem({ kind: "renewal", effectiveOn: "2026-03-11" })?.code).toBe(
      "agreement_change_in_future",
    );
  });

  it("refuses a term that ends before it starts", () => {
    expect(
      changeProblem({ kind: "renewal", effectiveOn: "2026-01-01", validUntil: "2026-01-01" })?.code,
    ).toBe("agreement_dates_out_of_order");
    expect(
      changeProblem({ kind: "renewal", effectiveOn: "2026-01-01", validUntil: "2027-12-31" }),
    ).toBeNull();
  });

  it("refuses a change the standing does not allow, naming both", () => {
    const ended = standing({ participation: { status: "ended", since: "2025-06-30" } });
    expect(
      changeProblem({ kind: "suspension", effectiveOn: "2026-01-01", reason: "x" }, ended),
    ).toMatchObject({
      code: "agreement_change_not_allowed",
      message: expect.stringContaining("Convenio terminado"),
    });
    expect(changeProblem({ kind: "resumption", effectiveOn: "2026-01-01" })?.code).toBe(
      "agreement_change_not_allowed",
    );
  });
});
