import { describe, expect, it } from "vitest";
import {
  chosenFileProblem,
  effectiveDateProblem,
  fileTooLargeMessage,
  megabytesLabel,
} from "./uploads.js";

const MB = 1024 * 1024;
const RULES = {
  maxBytes: 25 * MB,
  acceptedLabel: "PDF, DOCX o JPG",
  accepted: [
    { ext: "pdf", mime: "application/pdf" },
    {
      ext: "docx",
      mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
    { ext: "jpg", mime: "image/jpeg" },
  ],
};

describe("fileTooLargeMessage", () => {
  it("names the limit in megabytes", () => {
    expect(fileTooLargeMessage(25 * MB)).toBe(
      "El archivo supera el tamaño máximo permitido (25 MB).",
    );
    expect(megabytesLabel(1.5 * MB)).toBe("1.5 MB");
  });
});

describe("chosenFileProblem", () => {
  it("accepts an accepted type within the limit, and a file of exactly the limit", () => {
    expect(chosenFileProblem({ name: "a.pdf", size: 1000, type: "application/pdf" }, RULES)).toBe(
      null,
    );
    expect(chosenFileProblem({ name: "foto.JPEG", size: 25 * MB, type: "" }, RULES)).toBe(null);
  });

  it("refuses a file over the limit, naming the limit", () => {
    expect(
      chosenFileProblem({ name: "a.pdf", size: 27 * MB, type: "application/pdf" }, RULES),
    ).toBe("El archivo supera el tamaño máximo permitido (25 MB).");
  });

  it("refuses a type neither its extension nor its MIME type names, listing what is accepted", () => {
    expect(chosenFileProblem({ name: "virus.exe", size: 10, type: "" }, RULES)).toBe(
      "No se admiten archivos .exe. Tipos admitidos: PDF, DOCX o JPG; hasta 25 MB.",
    );
  });

  it("leaves a name without extension, or a known MIME type, to the server", () => {
    expect(chosenFileProblem({ name: "informe", size: 10, type: "" }, RULES)).toBe(null);
    expect(
      chosenFileProblem({ name: "informe.final", size: 10, type: "application/pdf" }, RULES),
    ).toBe(null);
  });
});

describe("effectiveDateProblem", () => {
  it("accepts today and earlier days, and refuses a later one naming today", () => {
    expect(effectiveDateProblem("2026-12-03", "2026-12-03")).toBe(null);
    expect(effectiveDateProblem("2020-01-01", "2026-12-03")).toBe(null);
    expect(effectiveDateProblem("2031-01-01", "2026-12-03")).toBe(
      "La fecha de vigencia no puede ser posterior a hoy (03/12/2026).",
    );
  });
});
