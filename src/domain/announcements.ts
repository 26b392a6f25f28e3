/**
 * Announcements (*avisos*): staff write once to the designated liaisons of every participating
 * municipality, of one cohort, or of the municipalities they choose; each liaison reads it in the
 * app (and by e-mail), and staff see how many have read it.
 */
import { labelledCodes } from "./codes.js";

export const [ANNOUNCEMENT_AUDIENCES, ANNOUNCEMENT_AUDIENCE_LABELS] = labelledCodes({
  all: "Todos los enlaces",
  cohort: "Los enlaces de una cohorte",
  municipalities: "Los enlaces de los municipios elegidos",
});
export type AnnouncementAudience = (typeof ANNOUNCEMENT_AUDIENCES)[number];

export const ANNOUNCEMENT_TITLE_MAX = 150;
export const ANNOUNCEMENT_BODY_MAX = 5000;
/** Municipalities one announcement may name (the State of Mexico has 125; the country 2,500). */
export const ANNOUNCEMENT_MUNICIPALITIES_MAX = 2500;

export interface AnnouncementDraft {
  title: string;
  body: string;
  audience: AnnouncementAudience;
  cohort: string | null;
  municipalities: readonly string[];
}

export type AnnouncementField = "title" | "body" | "cohort" | "municipalities";

/** What is wrong with a draft, field by field in Spanish; empty when it can be sent. */
export function announcementProblems(
  draft: AnnouncementDraft,
): Partial<Record<AnnouncementField, string>> {
  const problems: Partial<Record<AnnouncementField, string>> = {};
  const title = draft.title.trim();
  if (title === "") {
    problems.title = "Escriba el título del aviso.";
  } else if (title.length > ANNOUNCEMENT_TITLE_MAX) {
    problems.title = `El título admite hasta ${ANNOUNCEMENT_TITLE_MAX} caracteres.`;
  }
  const body = draft.body.trim();
  if (body === "") {
    problems.body = "Escriba el texto del aviso.";
  } else if (body.length > ANNOUNCEMENT_BODY_MAX) {
    problems.body = `El texto admite hasta ${ANNOUNCEMENT_BODY_MAX} caracteres.`;
  }
  if (draft.audience === "cohort" && (draft.cohort ?? "").trim() === "") {
    problems.cohort = "Elija la cohorte.";
  }
  if (draft.audience === "municipalities") {
    if (draft.municipalities.length === 0) {
      problems.municipalities = "Elija al menos un municipio.";
    } else if (draft.municipalities.length > ANNOUNCEMENT_MUNICIPALITIES_MAX) {
      problems.municipalities = `Un aviso admite hasta ${ANNOUNCEMENT_MUNICIPALITIES_MAX} municipios.`;
    }
  }
  return problems;
}

/** «Todos los enlaces», «Cohorte 2023», «3 municipios»: to whom an announcement went. */
export function audienceSummary(
  audience: AnnouncementAudience,
  cohort: string | null,
  municipalities: number,
): string {
  switch (audience) {
    case "all":
      return ANNOUNCEMENT_AUDIENCE_LABELS.all;
    case "cohort":
      return `Enlaces de la cohorte «${cohort ?? ""}»`;
    case "municipalities":
      return municipalities === 1
        ? "Enlace de 1 municipio"
        : `Enlaces de ${municipalities} municipios`;
  }
}
