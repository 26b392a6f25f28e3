import { describe, expect, it } from "vitest";
import { noticeActionLabel, noticeBlocks } from "./notice-content.js";

describe("noticeBlocks", () => {
  it("reads a digest as its sentence and a list, without the «- » marks", () => {
    const body = [
      "Estas herramientas de Toluca tienen el plazo vencido y aún no están validadas:",
      "",
      "- T1 Portal: venció el 01/02/2026",
      "- M3 Encuesta: venció el 05/03/2026",
      "- … y 3 más.",
    ].join("\n");
    expect(noticeBlocks(body)).toEqual([
      {
        type: "text",
        text: "Estas herramientas de Toluca tienen el plazo vencido y aún no están validadas:",
      },
      {
        type: "list",
        items: [
          "T1 Portal: venció el 01/02/2026",
          "M3 Encuesta: venció el 05/03/2026",
          "… y 3 más.",
        ],
      },
    ]);
  });

  it("reads «Etiqueta: valor» lines as label/value pairs", () => {
    const body = "Se canceló la capacitación «Portales».\n\nMotivo: lluvia\nLugar: Sala 2";
    expect(noticeBlocks(body)).toEqual([
      { type: "text", text: "Se canceló la capacitación «Portales»." },
      {
        type: "facts",
        facts: [
          { label: "Motivo", value: "lluvia" },
          { label: "Lugar", value: "Sala 2" },
        ],
      },
    ]);
  });

  it("joins the lines of one paragraph and keeps paragraphs apart", () => {
    expect(noticeBlocks("Primera línea\nsigue aquí.\n\n\nOtro párrafo.")).toEqual([
      { type: "text", text: "Primera línea sigue aquí." },
      { type: "text", text: "Otro párrafo." },
    ]);
  });

  it("keeps a sentence with a colon inside as text", () => {
    expect(
      noticeBlocks("La herramienta T1 de Toluca fue devuelta con 2 observaciones. Nota: x"),
    ).toEqual([
      {
        type: "text",
        text: "La herramienta T1 de Toluca fue devuelta con 2 observaciones. Nota: x",
      },
    ]);
  });

  it("gives an empty body no blocks", () => {
    expect(noticeBlocks("  \n\n")).toEqual([]);
  });
});

describe("noticeActionLabel", () => {
  it.each([
    ["/herramientas/abc", "Ver la herramienta"],
    ["/municipios/15106", "Ver las herramientas del municipio"],
    ["/municipios/15106/plan-de-mejora", "Ver el plan de mejora"],
    ["/municipios/15106/diagnostico", "Ver el diagnóstico"],
    ["/acompanamiento/acciones/1", "Ver la acción"],
    ["/brechas?x=1", "Ver la matriz de brechas"],
    ["/otra", "Abrir"],
  ])("names the page a notice opens: %s", (link, label) => {
    expect(noticeActionLabel(link)).toBe(label);
  });
});
