/**
 * The improvement plan (M4) as a PDF for its formal approval: every action not cancelled with
 * what it improves, owner, due date and status, the plan's progress, and the signature block.
 * The signed copy, uploaded to the M4 tool, is the evidence.
 */
import type { ImprovementPlan } from "../../../contracts/improvement-plans.js";
import {
  IMPROVEMENT_ACTION_STATUS_LABELS,
  IMPROVEMENT_TARGET_LABELS,
} from "../../../domain/improvement-plans.js";
import { formatDateEs } from "../../lib/dates-es.js";
import { endForApproval, field, heading, table, toolDocument } from "../../lib/pdf-layout.js";

export function improvementPlanPdf(
  plan: ImprovementPlan,
  institution: { name: string; unitName: string },
  asOf: string,
): PDFKit.PDFDocument {
  const doc = toolDocument({
    title: `Plan de mejora — ${plan.municipality.name}`,
    heading: "Plan de mejora",
    toolCode: "M4",
    institution,
    municipality: plan.municipality,
  });
  const { progress } = plan;
  field(doc, "Con datos al", formatDateEs(asOf));
  field(
    doc,
    "Avance",
    progress.total === 0
      ? "sin acciones"
      : `${progress.done} de ${progress.total} acciones cumplidas (${progress.percent} %) · ${progress.overdue} vencidas`,
  );
  doc.moveDown(0.8);
  heading(doc, "Acciones");
  const actions = plan.actions.filter((action) => action.status !== "cancelled");
  table(
    doc,
    [
      { label: "#", width: 0.05 },
      { label: "Acción", width: 0.33 },
      { label: "Qué mejora", width: 0.22 },
      { label: "Responsable", width: 0.16 },
      { label: "Fecha compromiso", width: 0.12 },
      { label: "Estado", width: 0.12 },
    ],
    actions.map((action, index) => [
      String(index + 1),
      action.description,
      [
        IMPROVEMENT_TARGET_LABELS[action.targetKind],
        action.toolCode
          ? `${action.toolCode}${action.toolName ? ` ${action.toolName}` : ""}`
          : null,
        action.observation ? `«${action.observation.text}»` : null,
        action.finding,
      ]
        .filter(Boolean)
        .join(": "),
      action.owner,
      formatDateEs(action.dueOn),
      `${IMPROVEMENT_ACTION_STATUS_LABELS[action.status]}${action.overdue ? " (vencida)" : ""}`,
    ]),
  );
  return endForApproval(
    doc,
    {
      as: "Aprobado",
      by: [
        "Presidencia municipal",
        "Secretaría del Ayuntamiento",
        "Enlace de transparencia",
        "Contraloría municipal",
      ],
    },
    `${plan.municipality.name} · plan de mejora al ${formatDateEs(asOf)}`,
  );
}
