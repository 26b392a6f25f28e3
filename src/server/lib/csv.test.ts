import { describe, expect, it } from "vitest";
import { parseCsv } from "../test/csv.js";
import { csvField, csvRow, rawCsvField, toCsv } from "./csv.js";

describe("csvField", () => {
  it("leaves plain text, numbers and booleans unquoted", () => {
    expect(csvField("Toluca")).toBe("Toluca");
    expect(csvField(42.5)).toBe("42.5");
    expect(csvField(true)).toBe("true");
  });

  it("writes null and undefined as empty fields", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });

  it("quotes fields with commas, quotes or line breaks and doubles inner quotes", () => {
    expect(csvField("Acambay de Ruíz Castañeda, México")).toBe(
      '"Acambay de Ruíz Castañeda, México"',
    );
    expect(csvField('Plan "anual"')).toBe('"Plan ""anual"""');
    expect(csvField("línea 1\nlínea 2")).toBe('"línea 1\nlínea 2"');
    expect(csvField("a\rb")).toBe('"a\rb"');
  });
});

describe("formulas", () => {
  it("opens text that a spreadsheet would run as a formula as text", () => {
    expect(csvField('=HYPERLINK("http://x","clic")')).toBe(`"'=HYPERLINK(""http://x"",""clic"")"`);
    expect(csvField("+52 722")).toBe("'+52 722");
    expect(csvField("-1+1")).toBe("'-1+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\t=1")).toBe("'\t=1");
  });

  it("leaves numbers, plain text and the archive's raw fields as they are", () => {
    expect(csvField(-12.5)).toBe("-12.5");
    expect(csvField("Cohorte 2022")).toBe("Cohorte 2022");
    expect(rawCsvField("=1+1")).toBe("=1+1");
  });
});

describe("toCsv", () => {
  it("writes a header and CRLF-terminated records in column order", () => {
    const csv = toCsv(
      ["cvegeo", "municipio"],
      [
        { cvegeo: "15106", municipio: "Toluca" },
        { cvegeo: "15054", municipio: "Metepec" },
      ],
    );
    expect(csv).toBe("cvegeo,municipio\r\n15106,Toluca\r\n15054,Metepec\r\n");
  });

  it("reads back to the same values through a strict RFC 4180 reader", () => {
    const tricky = ["a,b", 'dice "hola"', "dos\r\nlíneas", "", "ñandú"];
    const csv = csvRow(tricky);
    expect(parseCsv(csv)).toEqual([tricky]);
  });
});
