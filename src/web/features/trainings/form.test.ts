import { describe, expect, it } from "vitest";
import { evidenceHref, readTrainingDraft, trainingDraftOf } from "./form";

const TODAY = "2026-12-04";
const DRAFT = {
  heldOn: "2026-11-20",
  topic: " Solicitudes de acceso ",
  hours: "1,5",
  audience: "Tesorería",
  peopleTrained: "18",
  evidence: "",
};

describe("readTrainingDraft", () => {
  it("reads a decimal comma, trims the texts and keeps an empty evidence", () => {
    expect(readTrainingDraft(DRAFT, TODAY)).toEqual({
      ok: true,
      session: {
        heldOn: "2026-11-20",
        topic: "Solicitudes de acceso",
        hours: 1.5,
        audience: "Tesorería",
        peopleTrained: 18,
        evidence: "",
      },
    });
  });

  it("names each field it cannot send: future date, empty topic, quarter hours, no people", () => {
    const read = readTrainingDraft(
      { ...DRAFT, heldOn: "2026-12-05", topic: " ", hours: "1.25", peopleTrained: "" },
      TODAY,
    );
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : Object.keys(read.problems)).toEqual([
      "heldOn",
      "topic",
      "hours",
      "peopleTrained",
    ]);
  });

  it("starts an edit from the session's values", () => {
    const draft = trainingDraftOf({
      id: "00000000-0000-4000-8000-000000000001",
      heldOn: "2026-10-02",
      topic: "Archivo",
      hours: 2.5,
      audience: "Cabildo",
      peopleTrained: 9,
      evidence: "Lista firmada",
      recordedBy: "Ana",
      createdAt: "2026-10-03T00:00:00.000Z",
    });
    expect(draft).toMatchObject({ hours: "2.5", peopleTrained: "9" });
    expect(readTrainingDraft(draft, TODAY).ok).toBe(true);
  });
});

describe("evidenceHref", () => {
  it("links web addresses only", () => {
    expect(evidenceHref(" https://toluca.gob.mx/listas/marzo.pdf ")).toBe(
      "https://toluca.gob.mx/listas/marzo.pdf",
    );
    expect(evidenceHref("Lista de asistencia en el archivo de la UT")).toBeNull();
    expect(evidenceHref("javascript:alert(1)")).toBeNull();
    expect(evidenceHref("https://a.mx/x y")).toBeNull();
  });
});
