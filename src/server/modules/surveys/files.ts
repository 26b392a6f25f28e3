import { localDateOf } from "../../../domain/dates.js";
import {
  answerLabel,
  COMMENT_CODE,
  type GroupResult,
  type IndexEstimate,
  type SurveyQuestion,
  type SurveyResults,
} from "../../../domain/survey.js";
import { formatDateEs, formatDateTimeEs } from "../../lib/dates-es.js";
import { excelJs, pdfKit, qrCode } from "../../lib/lazy-modules.js";
import { HEADER_FILL } from "../../lib/xlsx.js";
import type { SurveyAnswerRow } from "./queries.js";

/** What the generated documents say about the survey. */
export interface SurveyPrint {
  municipalityName: string;
  cycle: number;
  url: string;
  openedAt: Date;
  closedAt: Date;
  privacyNotice: string;
  questions: readonly SurveyQuestion[];
}

const MARGIN = 50;
const GREY = "#555555";
const HIDDEN_COMMENT = "[Comentario oculto por moderación]";

/** A finished PDF document as bytes. */
function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}

/** An index as the documents print it: «78.5 (IC 95 %: 71.2–85.8; n = 40)». */
export function indexText(index: IndexEstimate | null): string {
  if (!index) {
    return "sin respuestas que lo midan";
  }
  const interval =
    index.low === null || index.high === null
      ? "intervalo no calculable con una respuesta"
      : `IC 95 %: ${index.low.toFixed(1)}–${index.high.toFixed(1)}`;
  return `${index.value.toFixed(1)} de 100 (${interval}; n = ${index.n})`;
}

const percent = (count: number, total: number) =>
  total === 0 ? "—" : `${((count / total) * 100).toFixed(1)} %`;

/**
 * The results report, the M1 evidence's PDF: the survey's period and method, the satisfaction index
 * with its confidence interval, every question's distribution, the breakdowns by channel and by
 * respondent type, and the comments not hidden by moderation.
 */
export function resultsReportPdf(
  print: SurveyPrint,
  results: SurveyResults,
  rows: readonly SurveyAnswerRow[],
): Promise<Buffer> {
  const doc = new (pdfKit())({
    size: "LETTER",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: {
      Title: `Encuesta de satisfacción usuaria — ${print.municipalityName} — ciclo ${print.cycle}`,
      Subject: "Herramienta M1 Satisfacción usuaria: reporte de resultados",
    },
  });
  doc.font("Helvetica-Bold").fontSize(16).text("Encuesta de satisfacción usuaria (M1)");
  doc.font("Helvetica").fontSize(12).text(`Municipio: ${print.municipalityName}`);
  doc.text(`Ciclo ${print.cycle} · Reporte de resultados`);
  doc
    .fillColor(GREY)
    .fontSize(10)
    .text(
      `Periodo de levantamiento: ${formatDateTimeEs(print.openedAt)} a ${formatDateTimeEs(print.closedAt)} (hora del centro de México)`,
    )
    .text(`Formulario público: ${print.url}`)
    .fillColor("black");
  doc.moveDown();

  doc.font("Helvetica-Bold").fontSize(13).text("Resumen");
  doc.font("Helvetica").fontSize(11);
  doc.text(`Respuestas recibidas: ${results.responses}`);
  doc.text(`Índice de satisfacción: ${indexText(results.index)}`);
  doc
    .fillColor(GREY)
    .fontSize(9)
    .text(
      "Método: cada respuesta se califica con el promedio de los reactivos de escala del cuestionario estándar que contestó (1 = 0 puntos, 5 = 100 puntos); el índice es el promedio de esas calificaciones, con el intervalo de confianza del 95 % de la media (t de Student). La encuesta es anónima y una respuesta por navegador.",
    )
    .fillColor("black");
  doc.moveDown();

  doc.font("Helvetica-Bold").fontSize(13).text("Resultados por pregunta");
  for (const question of results.questions) {
    doc.moveDown(0.5);
    doc.font("Helvetica-Bold").fontSize(10).text(question.text);
    doc.font("Helvetica").fontSize(9);
    if (question.kind === "text") {
      doc.text(`Respuestas con texto: ${question.answered}`);
      continue;
    }
    const mean = question.mean === null ? "" : ` · promedio ${question.mean.toFixed(2)} de 5`;
    doc.fillColor(GREY).text(`Contestaron ${question.answered}${mean}`).fillColor("black");
    for (const option of question.distribution) {
      doc.text(`   ${option.label}: ${option.count} (${percent(option.count, question.answered)})`);
    }
  }

  const groups = (title: string, list: readonly GroupResult[]) => {
    doc.moveDown();
    doc.font("Helvetica-Bold").fontSize(13).text(title);
    doc.font("Helvetica").fontSize(10);
    for (const group of list.filter((candidate) => candidate.responses > 0)) {
      doc.text(`${group.label}: ${group.responses} respuestas · índice ${indexText(group.index)}`);
    }
  };
  groups("Por medio utilizado", results.byChannel);
  groups("Por tipo de persona", results.byRespondentType);

  const comments = rows
    .filter((row) => typeof row.answers[COMMENT_CODE] === "string" && row.commentHiddenAt === null)
    .map((row) => String(row.answers[COMMENT_CODE]));
  doc.moveDown();
  doc.font("Helvetica-Bold").fontSize(13).text("Comentarios");
  doc.font("Helvetica").fontSize(10);
  if (comments.length === 0) {
    doc.text("Sin comentarios publicables.");
  }
  for (const comment of comments) {
    doc.text(`• ${comment}`, { paragraphGap: 3 });
  }
  const hidden = rows.filter((row) => row.commentHiddenAt !== null).length;
  if (hidden > 0) {
    doc
      .fillColor(GREY)
      .fontSize(9)
      .text(`${hidden} comentario(s) ocultos por moderación no se muestran.`)
      .fillColor("black");
  }
  doc.moveDown();
  doc
    .fillColor(GREY)
    .fontSize(8)
    .text(
      `Generado por MRTM el ${formatDateEs(localDateOf(print.closedAt))} al cerrar la encuesta.`,
    );
  return pdfBuffer(doc);
}

/**
 * The anonymous answers as a spreadsheet: one row per answer (its date and each question, choices
 * by their label), no identifier of any kind; comments hidden by moderation read as such.
 */
export async function answersWorkbook(
  print: SurveyPrint,
  rows: readonly SurveyAnswerRow[],
): Promise<Buffer> {
  const workbook = new (excelJs().Workbook)();
  workbook.creator = "MRTM";
  const sheet = workbook.addWorksheet("Respuestas");
  sheet.columns = [
    { header: "Núm.", key: "n", width: 7 },
    { header: "Fecha", key: "date", width: 12 },
    ...print.questions.map((question) => ({
      header: question.text,
      key: question.code,
      width: question.kind === "text" ? 50 : 22,
    })),
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = HEADER_FILL;
  sheet.getRow(1).alignment = { wrapText: true, vertical: "top" };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  rows.forEach((row, index) => {
    const values: Record<string, string | number> = {
      n: index + 1,
      date: formatDateEs(localDateOf(row.submittedAt)),
    };
    for (const question of print.questions) {
      values[question.code] =
        question.code === COMMENT_CODE &&
        row.commentHiddenAt !== null &&
        row.answers[COMMENT_CODE] !== undefined
          ? HIDDEN_COMMENT
          : answerLabel(question, row.answers[question.code]);
    }
    sheet.addRow(values);
  });
  const about = workbook.addWorksheet("Preguntas");
  about.columns = [
    { header: "Clave", key: "code", width: 22 },
    { header: "Pregunta", key: "text", width: 70 },
    { header: "Tipo", key: "kind", width: 14 },
    { header: "Opciones", key: "options", width: 60 },
  ];
  about.getRow(1).font = { bold: true };
  for (const question of print.questions) {
    about.addRow({
      code: question.code,
      text: question.text,
      kind:
        question.kind === "likert"
          ? "Escala 1 a 5"
          : question.kind === "choice"
            ? "Opción"
            : "Texto",
      options: (question.options ?? [])
        .map((option) => `${option.value}: ${option.label}`)
        .join("; "),
    });
  }
  about.addRow({});
  about.addRow({ code: "Municipio", text: print.municipalityName });
  about.addRow({ code: "Ciclo", text: String(print.cycle) });
  about.addRow({ code: "Aviso de privacidad", text: print.privacyNotice });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The public link as a QR code (PNG), large enough to print. */
export function qrPng(url: string): Promise<Buffer> {
  return qrCode().toBuffer(url, { type: "png", width: 600, margin: 2, errorCorrectionLevel: "M" });
}

/** The public link as a QR code (SVG). */
export function qrSvg(url: string): Promise<string> {
  return qrCode().toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
}

/** The poster for the service window: a call to answer, the QR code and the link. */
export async function posterPdf(
  print: Pick<SurveyPrint, "municipalityName" | "url">,
): Promise<Buffer> {
  const doc = new (pdfKit())({
    size: "LETTER",
    margins: { top: 60, bottom: 60, left: 60, right: 60 },
    info: { Title: `Encuesta de satisfacción — ${print.municipalityName}` },
  });
  const width = doc.page.width - 120;
  doc.font("Helvetica-Bold").fontSize(30).text("¿Cómo le atendimos?", { align: "center", width });
  doc.moveDown(0.3);
  doc
    .font("Helvetica")
    .fontSize(18)
    .text("Su opinión nos ayuda a mejorar la transparencia y el acceso a la información.", {
      align: "center",
      width,
    });
  doc.moveDown(0.5);
  doc.fontSize(16).text(`Ayuntamiento de ${print.municipalityName}`, { align: "center", width });
  const size = 300;
  const top = doc.y + 20;
  doc.image(await qrPng(print.url), (doc.page.width - size) / 2, top, { width: size });
  doc.y = top + size + 20;
  doc
    .fontSize(14)
    .text("Escanee el código con la cámara de su teléfono o entre a:", { align: "center", width });
  doc.font("Helvetica-Bold").fontSize(13).text(print.url, { align: "center", width });
  doc.moveDown();
  doc
    .font("Helvetica")
    .fontSize(12)
    .fillColor(GREY)
    .text("Encuesta anónima: no pedimos nombre, correo ni teléfono. Toma unos 3 minutos.", {
      align: "center",
      width,
    });
  return pdfBuffer(doc);
}
