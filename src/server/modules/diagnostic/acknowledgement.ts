import type { Institution } from "../../../contracts/institution.js";
import type { Diagnostic } from "../../../contracts/participation.js";
import {
  acknowledgedAs,
  diagnosticItemLabel,
  tallyDiagnostic,
} from "../../../domain/diagnostic.js";
import { formatDateEs, formatDateTimeEs } from "../../lib/dates-es.js";
import { pdfKit } from "../../lib/lazy-modules.js";
import { inlineField, municipalityLabel } from "../../lib/pdf-layout.js";

/**
 * The acknowledgement of a submitted diagnostic: the institution's header, the municipality, the
 * agreement's signing date, when and by whom it was sent, and every tool, E1 included, with its
 * answer or its current state as of `issuedAt` (`acknowledgedAs`: a tool validated or in review is
 * never certified as pending). Returned as a stream: it is piped to the reply.
 */
export function acknowledgementPdf(
  diagnostic: Diagnostic,
  institution: Institution,
  issuedAt: Date,
): PDFKit.PDFDocument {
  const doc = new (pdfKit())({
    size: "LETTER",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: {
      Title: `Acuse del diagnóstico inicial — ${diagnostic.municipality.name}`,
      Author: institution.name,
    },
  });
  doc.font("Helvetica-Bold").fontSize(11).text(institution.name, { align: "center" });
  doc.font("Helvetica").fontSize(10).text(institution.unitName, { align: "center" });
  doc.moveDown(1.5);
  doc
    .font("Helvetica-Bold")
    .fontSize(14)
    .text("Acuse de recibo del diagnóstico inicial", { align: "center" });
  doc
    .font("Helvetica")
    .fontSize(10)
    .text("Modelo Regional de Transparencia Municipal", { align: "center" });
  doc.moveDown(1.5);
  const tally = tallyDiagnostic(diagnostic.items);
  doc.fontSize(10);
  inlineField(doc, "Municipio", municipalityLabel(diagnostic.municipality));
  inlineField(doc, "Convenio firmado el", formatDateEs(diagnostic.agreement.signedOn));
  inlineField(
    doc,
    "Enviado",
    diagnostic.submittedAt ? formatDateTimeEs(new Date(diagnostic.submittedAt)) : "—",
  );
  inlineField(doc, "Enviado por", diagnostic.submittedBy ?? "—");
  inlineField(
    doc,
    "Resumen",
    `${tally.claimed} herramienta(s) con documento comprobatorio, ${tally.pending} pendiente(s) de elaboración, ${tally.done} validada(s) o en revisión`,
  );
  doc.moveDown();
  for (const item of diagnostic.items) {
    const name = item.part
      ? `${item.tool} ${item.part}) ${item.toolName}: ${item.partName ?? ""}`
      : diagnosticItemLabel(item);
    doc.font("Helvetica-Bold").text(name, { continued: false });
    doc.font("Helvetica").text(acknowledgedAs(item, institution.unitName), { indent: 12 });
    doc.moveDown(0.3);
  }
  doc.moveDown();
  doc
    .fontSize(8)
    .fillColor("#555555")
    .text(
      `Documento generado el ${formatDateTimeEs(issuedAt)} (hora del centro de México), con el estado de cada herramienta a esa fecha. Las herramientas con documento comprobatorio pasan a revisión.`,
    );
  doc.end();
  return doc;
}
