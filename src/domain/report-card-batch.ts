/**
 * Report cards in batch (issue 17, item 6): staff issue one card per municipality of every
 * participant or of one cohort. Who is issued and who is skipped (and why) is decided here; the
 * server issues each card exactly as one issued by itself.
 */
import { PARTICIPATION_LABELS, type ParticipationStatus } from "./agreement-terms.js";
import { labelledCodes } from "./codes.js";
import { foldForSearch } from "./text.js";

export const [REPORT_CARD_BATCH_SCOPES, REPORT_CARD_BATCH_SCOPE_LABELS] = labelledCodes({
  all: "Todos los municipios participantes",
  cohort: "Una cohorte",
});
export type ReportCardBatchScope = (typeof REPORT_CARD_BATCH_SCOPES)[number];

export const [REPORT_CARD_BATCH_STATUSES, REPORT_CARD_BATCH_STATUS_LABELS] = labelledCodes({
  running: "En curso",
  done: "Terminado",
  failed: "Interrumpido",
});
export type ReportCardBatchStatus = (typeof REPORT_CARD_BATCH_STATUSES)[number];

/** A municipality as the batch sees it: its agreement's cohort and participation, if any. */
export interface BatchCandidate {
  cvegeo: string;
  name: string;
  cohort: string | null;
  participation: ParticipationStatus | null;
}

export interface SkippedMunicipality {
  cvegeo: string;
  name: string;
  reason: string;
}

export type BatchSelection =
  | { ok: true; issue: { cvegeo: string; name: string }[]; skipped: SkippedMunicipality[] }
  | {
      ok: false;
      code: "report_card_batch_unknown_cohort" | "report_card_batch_empty";
      message: string;
    };

export const NO_AGREEMENT_REASON = "Sin convenio";

/**
 * Who a batch issues a card for: every municipality of the scope whose agreement is in force. For
 * `all`, the scope is every municipality (those without an agreement in force are skipped and
 * listed); for a cohort, the municipalities whose agreement names it (an unknown cohort is
 * refused). A selection with nobody to issue is refused too.
 */
export function batchSelection(
  candidates: readonly BatchCandidate[],
  scope: ReportCardBatchScope,
  cohort: string | null,
): BatchSelection {
  const wanted = (cohort ?? "").trim();
  let inScope = [...candidates];
  if (scope === "cohort") {
    if (wanted === "") {
      return { ok: false, code: "report_card_batch_empty", message: "Elija la cohorte." };
    }
    inScope = candidates.filter((c) => c.cohort !== null && c.cohort.trim() === wanted);
    if (inScope.length === 0) {
      return {
        ok: false,
        code: "report_card_batch_unknown_cohort",
        message: `No hay ningún convenio de la cohorte «${wanted}».`,
      };
    }
  }
  inScope.sort((a, b) => a.cvegeo.localeCompare(b.cvegeo));
  const issue = inScope
    .filter((c) => c.participation === "active")
    .map(({ cvegeo, name }) => ({ cvegeo, name }));
  const skipped = inScope
    .filter((c) => c.participation !== "active")
    .map(({ cvegeo, name, participation }) => ({
      cvegeo,
      name,
      reason: participation === null ? NO_AGREEMENT_REASON : PARTICIPATION_LABELS[participation],
    }));
  if (issue.length === 0) {
    return {
      ok: false,
      code: "report_card_batch_empty",
      message:
        scope === "cohort"
          ? `Ningún municipio de la cohorte «${wanted}» participa ahora: no hay cédulas que emitir.`
          : "Ningún municipio participa ahora: no hay cédulas que emitir.",
    };
  }
  return { ok: true, issue, skipped };
}

/** A card's file name in the batch's ZIP: `15106-toluca.pdf` (INEGI key, then the name). */
export function batchPdfName(cvegeo: string, name: string): string {
  const slug = foldForSearch(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${cvegeo}-${slug || "municipio"}.pdf`;
}

/** One field of the index CSV, quoted when it must be (and never read as a formula). */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface BatchIndexRow {
  cvegeo: string;
  name: string;
  code: string | null;
  issuedAt: string | null;
  verificationUrl: string | null;
  file: string | null;
  note: string;
}

/** The ZIP's index: a CSV with BOM (Excel reads it as UTF-8), one row per municipality. */
export function batchIndexCsv(rows: readonly BatchIndexRow[]): string {
  const header = [
    "Clave INEGI",
    "Municipio",
    "Código de verificación",
    "Emitida",
    "URL de verificación",
    "Archivo",
    "Nota",
  ];
  const lines = [
    header,
    ...rows.map((r) => [
      r.cvegeo,
      r.name,
      r.code ?? "",
      r.issuedAt ?? "",
      r.verificationUrl ?? "",
      r.file ?? "",
      r.note,
    ]),
  ].map((fields) => fields.map(csvField).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
