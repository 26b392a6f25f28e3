/**
 * The handover record (acta de entrega-recepción del MRTM): what an outgoing administration hands
 * to the incoming one about the model, as a PDF. Every tool's state and cycle history, the
 * documents on file, open observations, open commitments, upcoming deadlines and the instruments
 * in use, with the agreement's history and the liaisons. Read from the other modules' queries.
 */
import { and, asc, count, eq, isNull, ne } from "drizzle-orm";
import { termName } from "../../../domain/administrations.js";
import { AGREEMENT_CHANGE_LABELS } from "../../../domain/agreement-terms.js";
import { compareDates, localDateOf } from "../../../domain/dates.js";
import { IMPROVEMENT_ACTION_STATUS_LABELS } from "../../../domain/improvement-plans.js";
import { OBSERVATION_TYPE_LABELS } from "../../../domain/review.js";
import { SURVEY_STATUS_LABELS } from "../../../domain/survey.js";
import { TOOL_STATE_LABELS } from "../../../domain/tool-state.js";
import type { Database } from "../../db/client.js";
import {
  commitments,
  evidenceFiles,
  improvementActions,
  indicatorAdoptions,
  projectCards,
  surveys,
  toolInstances,
} from "../../db/schema/index.js";
import { formatDateEs } from "../../lib/dates-es.js";
import {
  approval,
  field,
  footers,
  header,
  heading,
  municipalityLabel,
  newDocument,
  table,
} from "../../lib/pdf-layout.js";
import { getAgreementOf, listAgreementChanges } from "../agreements/queries.js";
import { listOpenObservations } from "../dashboard/queries.js";
import { getInstitution } from "../institution/service.js";
import { listDesignations } from "../liaisons/queries.js";
import { listInstances } from "../tool-instances/queries.js";
import { listAdministrations } from "./queries.js";

/** How many upcoming deadlines the record lists. */
const UPCOMING = 15;

/** A tool's code with its part's, e.g. «R2» or «E4 A». */
function toolCode(row: { tool: string; part: string | null }): string {
  return row.part ? `${row.tool} ${row.part}` : row.tool;
}

/** One of the record's tables under its heading. */
interface Section {
  title: string;
  columns: { label: string; width: number }[];
  rows: string[][];
}

/** Loads everything the record shows and draws it; counts what the audit event keeps. */
export async function handoverPdf(
  db: Database,
  cvegeo: string,
  now: Date,
): Promise<{ pdf: PDFKit.PDFDocument; tools: number; openObservations: number }> {
  const today = localDateOf(now);
  // Throws 404 «no tiene convenio»: a municipality that never took part has nothing to hand over.
  const agreement = await getAgreementOf(db, cvegeo);
  const changes = await listAgreementChanges(db, agreement.id);
  const terms = await listAdministrations(db, cvegeo, now);
  const liaisons = await listDesignations(db, cvegeo);
  const instances = await listInstances(db, cvegeo, now);
  const observations = await listOpenObservations(db, cvegeo);
  const evidence = await db
    .select({ instance: evidenceFiles.toolInstanceId, files: count() })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.municipalityCvegeo, cvegeo), isNull(evidenceFiles.withdrawnAt)))
    .groupBy(evidenceFiles.toolInstanceId);
  const filesOf = new Map(evidence.map((row) => [row.instance, row.files]));
  const openCommitments = await db
    .select()
    .from(commitments)
    .where(and(eq(commitments.municipalityCvegeo, cvegeo), eq(commitments.status, "open")))
    .orderBy(asc(commitments.dueOn));
  const instruments = await loadInstruments(db, cvegeo);
  const institution = await getInstitution(db);

  const name = agreement.municipality.name;
  const doc = newDocument({
    title: `Acta de entrega-recepción del MRTM — ${name}`,
    author: institution.name,
  });
  header(doc, {
    institution,
    title: "Acta de entrega-recepción del MRTM",
    subtitle: `Modelo Regional de Transparencia Municipal · ${municipalityLabel(agreement.municipality)}`,
  });
  field(doc, "Con datos al", formatDateEs(today));
  const current = terms.find((term) => term.current);
  const outgoing = current ? terms[terms.indexOf(current) - 1] : terms.at(-1);
  field(
    doc,
    "Administración saliente",
    outgoing ? `${termName(outgoing)}, ${outgoing.headName}` : "sin registro",
  );
  field(
    doc,
    "Administración entrante",
    current ? `${termName(current)}, ${current.headName}` : "sin registro",
  );
  field(
    doc,
    "Convenio",
    `firmado el ${formatDateEs(agreement.signedOn)} (${agreement.cohort}, modelo v${agreement.modelVersion})`,
  );
  doc.moveDown(0.8);

  const upcoming = instances
    .filter(
      (instance) =>
        instance.state !== "validated" &&
        instance.deadline !== null &&
        compareDates(instance.deadline, today) >= 0,
    )
    .sort((a, b) => compareDates(a.deadline ?? "", b.deadline ?? ""))
    .slice(0, UPCOMING);
  const sections: Section[] = [
    {
      title: "Historia del convenio",
      columns: [
        { label: "Fecha", width: 0.15 },
        { label: "Cambio", width: 0.35 },
        { label: "Motivo o documento", width: 0.5 },
      ],
      rows: [
        [
          formatDateEs(agreement.signedOn),
          "Firma del convenio",
          agreement.document?.fileName ?? "—",
        ],
        ...changes.map((change) => [
          formatDateEs(change.effectiveOn),
          AGREEMENT_CHANGE_LABELS[change.kind],
          [change.reason, change.document?.fileName].filter(Boolean).join(" · ") || "—",
        ]),
      ],
    },
    {
      title: "Enlaces designados",
      columns: [
        { label: "Enlace", width: 0.45 },
        { label: "Designación", width: 0.2 },
        { label: "Oficio", width: 0.35 },
      ],
      rows: liaisons.map((liaison) => [
        `${liaison.user.name}${liaison.current ? " (en funciones)" : ""}`,
        formatDateEs(liaison.designatedOn),
        liaison.letter?.fileName ?? "—",
      ]),
    },
    {
      title: "Estado de las herramientas y sus ciclos",
      columns: [
        { label: "Herramienta", width: 0.38 },
        { label: "Ciclo", width: 0.08 },
        { label: "Estado", width: 0.2 },
        { label: "Plazo", width: 0.18 },
        { label: "Documentos", width: 0.16 },
      ],
      rows: instances.map((instance) => [
        `${toolCode(instance)} ${instance.partName ?? instance.toolName}`,
        String(instance.cycle),
        `${TOOL_STATE_LABELS[instance.state]}${instance.overdue ? " (vencida)" : ""}`,
        instance.deadline ? formatDateEs(instance.deadline) : "sin plazo",
        String(filesOf.get(instance.id) ?? 0),
      ]),
    },
    {
      title: "Observaciones abiertas",
      columns: [
        { label: "Herramienta", width: 0.2 },
        { label: "Tipo", width: 0.18 },
        { label: "Observación", width: 0.47 },
        { label: "Respondida", width: 0.15 },
      ],
      rows: observations.map((observation) => [
        toolCode(observation),
        OBSERVATION_TYPE_LABELS[observation.type],
        observation.text,
        observation.answered ? "Sí" : "No",
      ]),
    },
    {
      title: "Acuerdos pendientes",
      columns: [
        { label: "Acuerdo", width: 0.55 },
        { label: "Responsable", width: 0.25 },
        { label: "Fecha compromiso", width: 0.2 },
      ],
      rows: openCommitments.map((commitment) => [
        commitment.description,
        commitment.ownerName,
        formatDateEs(commitment.dueOn),
      ]),
    },
    {
      title: "Próximos plazos",
      columns: [
        { label: "Herramienta", width: 0.6 },
        { label: "Plazo", width: 0.2 },
        { label: "Días", width: 0.2 },
      ],
      rows: upcoming.map((instance) => [
        `${toolCode(instance)} ${instance.toolName} (ciclo ${instance.cycle})`,
        formatDateEs(instance.deadline ?? today),
        String(instance.daysLeft ?? 0),
      ]),
    },
    {
      title: "Instrumentos en uso",
      columns: [
        { label: "Instrumento", width: 0.45 },
        { label: "Situación", width: 0.55 },
      ],
      rows: instruments,
    },
  ];
  sections.forEach((section, index) => {
    heading(doc, section.title);
    table(doc, section.columns, section.rows);
    // The last table leaves a little more room before the signatures.
    doc.moveDown(index === sections.length - 1 ? 1 : 0.8);
  });
  approval(
    doc,
    `Se entrega y recibe el estado del Modelo Regional de Transparencia Municipal de ${name} al ${formatDateEs(today)}. El historial completo permanece en la plataforma.`,
    [
      "Entrega: administración saliente",
      "Recibe: administración entrante",
      "Enlace de transparencia",
      "Contraloría municipal",
    ],
  );
  footers(doc, `${name} · acta de entrega-recepción del MRTM al ${formatDateEs(today)}`);
  doc.end();
  return { pdf: doc, tools: instances.length, openObservations: observations.length };
}

/** The instruments the municipality builds in MRTM (M1, M2, E4, M4), each with where it stands. */
async function loadInstruments(db: Database, cvegeo: string): Promise<string[][]> {
  const surveyRows = await db
    .select({ status: surveys.status, cycle: toolInstances.cycle })
    .from(surveys)
    .innerJoin(toolInstances, eq(toolInstances.id, surveys.toolInstanceId))
    .where(eq(surveys.municipalityCvegeo, cvegeo))
    .orderBy(asc(toolInstances.cycle));
  const [adoption] = await db
    .select({ startYear: indicatorAdoptions.startYear, items: indicatorAdoptions.items })
    .from(indicatorAdoptions)
    .where(eq(indicatorAdoptions.municipalityCvegeo, cvegeo));
  const [cards] = await db
    .select({ total: count() })
    .from(projectCards)
    .where(and(eq(projectCards.municipalityCvegeo, cvegeo), ne(projectCards.status, "cancelled")));
  const actions = await db
    .select({ status: improvementActions.status, total: count() })
    .from(improvementActions)
    .where(eq(improvementActions.municipalityCvegeo, cvegeo))
    .groupBy(improvementActions.status);
  return [
    [
      "M1 Encuesta de satisfacción",
      surveyRows.length === 0
        ? "sin encuestas"
        : surveyRows
            .map((row) => `ciclo ${row.cycle}: ${SURVEY_STATUS_LABELS[row.status]}`)
            .join("; "),
    ],
    [
      "M2 Batería de indicadores",
      adoption
        ? `adoptada desde ${adoption.startYear}, ${adoption.items.length} indicadores`
        : "sin adoptar",
    ],
    ["E4 Fichas de proyecto", `${cards?.total ?? 0} fichas vigentes`],
    [
      "M4 Plan de mejora",
      actions.length === 0
        ? "sin acciones"
        : actions
            .map(
              (row) => `${row.total} ${IMPROVEMENT_ACTION_STATUS_LABELS[row.status].toLowerCase()}`,
            )
            .join(", "),
    ],
  ];
}
