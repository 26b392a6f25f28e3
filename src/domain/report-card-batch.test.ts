import { describe, expect, it } from "vitest";
import {
  type BatchCandidate,
  batchIndexCsv,
  batchPdfName,
  batchSelection,
} from "./report-card-batch.js";

const CANDIDATES: BatchCandidate[] = [
  { cvegeo: "15106", name: "Toluca", cohort: "Cohorte 2022", participation: "active" },
  { cvegeo: "15054", name: "Metepec", cohort: "Cohorte 2022", participation: "suspended" },
  { cvegeo: "15013", name: "Atizapán", cohort: "Cohorte 2023", participation: "ended" },
  { cvegeo: "15001", name: "Acambay", cohort: null, participation: null },
];

describe("batchSelection", () => {
  it("issues every municipality taking part and lists the rest with why, for all", () => {
    expect(batchSelection(CANDIDATES, "all", null)).toEqual({
      ok: true,
      issue: [{ cvegeo: "15106", name: "Toluca" }],
      skipped: [
        { cvegeo: "15001", name: "Acambay", reason: "Sin convenio" },
        { cvegeo: "15013", name: "Atizapán", reason: "Convenio terminado" },
        { cvegeo: "15054", name: "Metepec", reason: "Convenio suspendido" },
      ],
    });
  });

  it("keeps to one cohort, refusing an unknown one and one where nobody takes part", () => {
    expect(batchSelection(CANDIDATES, "cohort", " Cohorte 2022 ")).toMatchObject({
      ok: true,
      issue: [{ cvegeo: "15106" }],
      skipped: [{ cvegeo: "15054", reason: "Convenio suspendido" }],
    });
    expect(batchSelection(CANDIDATES, "cohort", "Cohorte 1999")).toMatchObject({
      ok: false,
      code: "report_card_batch_unknown_cohort",
    });
    expect(batchSelection(CANDIDATES, "cohort", "Cohorte 2023")).toMatchObject({
      ok: false,
      code: "report_card_batch_empty",
    });
    expect(batchSelection(CANDIDATES, "cohort", "")).toMatchObject({
      ok: false,
      code: "report_card_batch_empty",
      message: "Elija la cohorte.",
    });
    expect(batchSelection(CANDIDATES.slice(1), "all", null)).toMatchObject({ ok: false });
  });
});

describe("the ZIP's names and index", () => {
  it("names each PDF by INEGI key and municipality, without accents or spaces", () => {
    expect(batchPdfName("15013", "Atizapán de Zaragoza")).toBe("15013-atizapan-de-zaragoza.pdf");
    expect(batchPdfName("15999", "¿?")).toBe("15999-municipio.pdf");
  });

  it("writes a CSV with BOM, quoting what must be and defusing formulas", () => {
    const csv = batchIndexCsv([
      {
        cvegeo: "15106",
        name: "Toluca, capital",
        code: "AAAA-BBBB-CCCC-DDDD",
        issuedAt: "2024-01-10T18:00:00.000Z",
        verificationUrl: "https://x/verificar/AAAA-BBBB-CCCC-DDDD",
        file: "15106-toluca.pdf",
        note: "",
      },
      {
        cvegeo: "15001",
        name: "=Acambay",
        code: null,
        issuedAt: null,
        verificationUrl: null,
        file: null,
        note: "Sin convenio",
      },
    ]);
    expect(csv.startsWith("\uFEFFClave INEGI,Municipio,")).toBe(true);
    expect(csv.split("\r\n").slice(1, 3)).toEqual([
      '15106,"Toluca, capital",AAAA-BBBB-CCCC-DDDD,2024-01-10T18:00:00.000Z,https://x/verificar/AAAA-BBBB-CCCC-DDDD,15106-toluca.pdf,',
      "15001,'=Acambay,,,,,Sin convenio",
    ]);
  });
});
