import { describe, expect, it } from "vitest";
import {
  administrationOn,
  administrationProblem,
  constitutionalTermOf,
  currentConstitutionalTerm,
  termName,
} from "./administrations.js";

describe("constitutionalTermOf", () => {
  it("places a date in its three-year term, before and after the 2025 one", () => {
    expect(constitutionalTermOf("2025-01-01")).toEqual({
      startsOn: "2025-01-01",
      endsOn: "2027-12-31",
    });
    expect(constitutionalTermOf("2027-12-31").startsOn).toBe("2025-01-01");
    expect(constitutionalTermOf("2024-12-31")).toEqual({
      startsOn: "2022-01-01",
      endsOn: "2024-12-31",
    });
    expect(constitutionalTermOf("2028-06-01").startsOn).toBe("2028-01-01");
    expect(constitutionalTermOf("2019-03-03").startsOn).toBe("2019-01-01");
  });

  it("reads today in Mexico City", () => {
    // 1 January 2025 at 02:00 UTC is still 31 December 2024 in Mexico City.
    expect(currentConstitutionalTerm(new Date("2025-01-01T02:00:00Z")).startsOn).toBe("2022-01-01");
  });
});

describe("administrationProblem", () => {
  const first = { startsOn: "2022-01-01", endsOn: "2024-12-31" };

  it("accepts the term that follows", () => {
    expect(
      administrationProblem([first], { startsOn: "2025-01-01", endsOn: "2027-12-31" }),
    ).toBeNull();
  });

  it("refuses a term that ends before it starts", () => {
    expect(administrationProblem([], { startsOn: "2025-01-01", endsOn: "2025-01-01" })?.code).toBe(
      "administration_dates_out_of_order",
    );
  });

  it("refuses an overlap, naming the other term", () => {
    expect(
      administrationProblem([first], { startsOn: "2024-12-31", endsOn: "2027-12-31" }),
    ).toEqual({
      code: "administration_overlaps",
      message: "El periodo se encima con la administración 01/01/2022–31/12/2024.",
    });
  });
});

describe("administrationOn and termName", () => {
  it("finds the administration in office and names its term", () => {
    const terms = [
      { startsOn: "2022-01-01", endsOn: "2024-12-31", head: "A" },
      { startsOn: "2025-01-01", endsOn: "2027-12-31", head: "B" },
    ];
    expect(administrationOn(terms, "2025-06-01")?.head).toBe("B");
    expect(administrationOn(terms, "2021-06-01")).toBeNull();
    expect(termName(terms[0] as (typeof terms)[number])).toBe("2022–2024");
  });
});
