/**
 * A project card (ficha de proyecto) as a PDF for the cabildo's approval: every field of the card,
 * its activities, and the signature block. The signed copy, uploaded to the E4 tool, is the
 * evidence.
 */
import type { ProjectCard } from "../../../contracts/project-cards.js";
import { PROJECT_CARD_STATUS_LABELS } from "../../../domain/project-cards.js";
import { formatDateEs } from "../../lib/dates-es.js";
import {
  endForApproval,
  field,
  heading,
  paragraph,
  pesos,
  table,
  toolDocument,
} from "../../lib/pdf-layout.js";

export interface ProjectCardPrint {
  card: ProjectCard;
  institution: { name: string; unitName: string };
  toolCode: string;
}

/** Returned as a stream: it is piped to the reply. */
export function projectCardPdf({
  card,
  institution,
  toolCode,
}: ProjectCardPrint): PDFKit.PDFDocument {
  const doc = toolDocument({
    title: `Ficha de proyecto — ${card.title}`,
    heading: "Ficha de proyecto de transparencia",
    toolCode,
    institution,
    municipality: card.municipality,
  });
  field(doc, "Proyecto", card.title);
  field(doc, "Periodo", `del ${formatDateEs(card.startsOn)} al ${formatDateEs(card.endsOn)}`);
  field(doc, "Estado", `${PROJECT_CARD_STATUS_LABELS[card.status]} · avance ${card.progress} %`);
  field(doc, "Presupuesto", `${pesos(card.budgetAmount)} · fuente: ${card.budgetSource}`);
  doc.moveDown(0.8);
  paragraph(doc, "Objetivos", card.objectives);
  paragraph(doc, "Resultados esperados", card.expectedResults);
  paragraph(doc, "Vinculación con el Plan de Desarrollo Municipal", card.developmentPlanLink);
  heading(doc, "Actividades principales");
  table(
    doc,
    [
      { label: "#", width: 0.06 },
      { label: "Actividad", width: 0.44 },
      { label: "Responsable", width: 0.26 },
      { label: "Inicio", width: 0.12 },
      { label: "Término", width: 0.12 },
    ],
    card.activities.map((activity, index) => [
      String(index + 1),
      activity.description,
      activity.responsible,
      formatDateEs(activity.startsOn),
      formatDateEs(activity.endsOn),
    ]),
  );
  return endForApproval(
    doc,
    {
      as: "Aprobada",
      by: [
        "Presidencia municipal",
        "Secretaría del Ayuntamiento",
        "Área responsable del proyecto",
        "Enlace de transparencia",
      ],
    },
    `${card.municipality.name} · ficha de proyecto «${card.title}» · revisión ${card.revision}`,
  );
}
