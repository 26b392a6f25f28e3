/**
 * The adopted battery as a PDF: the M2 deliverable. Every indicator of the battery with its
 * definition, formula, unit, direction, periodicity and source, the municipality's target or why
 * it does not apply, and the signature block. Generated on adoption as an evidence version.
 */
import type { AdoptedIndicator } from "../../../domain/indicators.js";
import {
  formatIndicatorValue,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_PERIODICITY_LABELS,
  REPORT_DUE_DAYS,
} from "../../../domain/indicators.js";
import { formatDateEs } from "../../lib/dates-es.js";
import {
  endForApproval,
  field,
  heading,
  paragraph,
  table,
  toolDocument,
} from "../../lib/pdf-layout.js";

export interface AdoptionPrint {
  municipality: { cvegeo: string; name: string };
  institution: { name: string; unitName: string };
  startYear: number;
  adoptedOn: string;
  revision: number;
  items: readonly AdoptedIndicator[];
}

/** Returned as a stream: it is stored as an evidence version. */
export function adoptionPdf(print: AdoptionPrint): PDFKit.PDFDocument {
  const { municipality, items } = print;
  const doc = toolDocument({
    title: `Batería de indicadores de desempeño — ${municipality.name}`,
    heading: "Batería de indicadores de desempeño adoptada",
    toolCode: "M2",
    institution: print.institution,
    municipality,
  });
  const adopted = items.filter((item) => !item.excluded);
  field(doc, "Fecha de adopción", formatDateEs(print.adoptedOn));
  field(doc, "Primer año de reporte", String(print.startYear));
  field(doc, "Indicadores adoptados", `${adopted.length} de ${items.length}`);
  doc.moveDown(0.6);
  paragraph(
    doc,
    "Reporte",
    `El municipio reporta cada indicador en cada periodo de su periodicidad. Los valores de un periodo se envían a más tardar ${REPORT_DUE_DAYS} días naturales después de que concluye; después de esa fecha el periodo queda atrasado.`,
  );
  heading(doc, "Metas");
  table(
    doc,
    [
      { label: "Clave", width: 0.08 },
      { label: "Indicador", width: 0.34 },
      { label: "Periodicidad", width: 0.13 },
      { label: "Sentido", width: 0.15 },
      { label: "Meta por periodo", width: 0.3 },
    ],
    items.map((item) => [
      item.code,
      item.name,
      INDICATOR_PERIODICITY_LABELS[item.periodicity],
      INDICATOR_DIRECTION_LABELS[item.direction],
      item.excluded
        ? `No aplica: ${item.exclusionReason ?? ""}`
        : formatIndicatorValue(item, item.target),
    ]),
  );
  heading(doc, "Fichas técnicas");
  for (const item of items) {
    paragraph(
      doc,
      `${item.code} · ${item.name}`,
      `${item.definition}\nFórmula: ${item.formula}\nUnidad: ${item.unit} · Fuente: ${item.sourceText} · ${item.isPublic ? "Público" : "Uso interno"}`,
    );
  }
  return endForApproval(
    doc,
    {
      as: "Adoptada",
      by: [
        "Presidencia municipal",
        "Secretaría del Ayuntamiento",
        "Unidad de Transparencia",
        "Enlace de transparencia",
      ],
    },
    `${municipality.name} · batería de indicadores M2 · revisión ${print.revision}`,
  );
}
