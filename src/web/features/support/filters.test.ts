import { describe, expect, it } from "vitest";
import { MAX_EFFECTIVENESS_DAYS } from "../../../domain/support-effectiveness.js";
import {
  ACTIONS_PAGE_SIZE,
  COMMITMENTS_PAGE_SIZE,
  readActionFilters,
  readCommitmentFilters,
  readEffectivenessDays,
} from "./filters";

const params = (query: string) => new URLSearchParams(query);

describe("readActionFilters", () => {
  it("reads status, type, time and municipality from the Spanish address", () => {
    expect(
      readActionFilters(params("estado=held&tipo=training&cuando=past&municipio=15106&pagina=2")),
    ).toEqual({
      status: "held",
      type: "training",
      when: "past",
      municipality: "15106",
      page: 2,
      pageSize: ACTIONS_PAGE_SIZE,
    });
  });

  it("filters nothing it does not recognise", () => {
    expect(readActionFilters(params("estado=hecha&tipo=fiesta&cuando=ayer&municipio="))).toEqual({
      status: undefined,
      type: undefined,
      when: undefined,
      municipality: undefined,
      page: 1,
      pageSize: ACTIONS_PAGE_SIZE,
    });
  });
});

describe("readCommitmentFilters", () => {
  it("shows open commitments unless told otherwise", () => {
    expect(readCommitmentFilters(params(""))).toEqual({
      status: "open",
      overdue: undefined,
      municipality: undefined,
      page: 1,
      pageSize: COMMITMENTS_PAGE_SIZE,
    });
    expect(readCommitmentFilters(params("estado=cumplido")).status).toBe("open");
  });

  it("can show every status, or closed and cancelled ones", () => {
    expect(readCommitmentFilters(params("estado=all")).status).toBe("all");
    expect(readCommitmentFilters(params("estado=cancelled")).status).toBe("cancelled");
  });

  it("keeps only overdue ones with vencidos=1", () => {
    expect(readCommitmentFilters(params("vencidos=1")).overdue).toBe("true");
    expect(readCommitmentFilters(params("vencidos=si")).overdue).toBeUndefined();
  });
});

describe("readEffectivenessDays", () => {
  it("reads a window of whole days up to the maximum", () => {
    expect(readEffectivenessDays(params("dias=30"))).toBe(30);
    expect(readEffectivenessDays(params("dias=1"))).toBe(1);
    expect(readEffectivenessDays(params(`dias=${MAX_EFFECTIVENESS_DAYS}`))).toBe(
      MAX_EFFECTIVENESS_DAYS,
    );
  });

  it("leaves the server's default window for anything else", () => {
    for (const days of ["", "0", "-5", "7.5", "noventa", String(MAX_EFFECTIVENESS_DAYS + 1)]) {
      expect(readEffectivenessDays(params(`dias=${days}`)), days).toBeUndefined();
    }
    expect(readEffectivenessDays(params(""))).toBeUndefined();
  });
});
