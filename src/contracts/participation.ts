import { AGREEMENT_CHANGE_KINDS, PARTICIPATION_STATUSES } from "../domain/agreement-terms.js";
import { isLocalDate } from "../domain/dates.js";
import { DIAGNOSTIC_ANSWERS, DIAGNOSTIC_STATUSES } from "../domain/diagnostic.js";
import { PERIOD_KINDS } from "../domain/model.js";
import { QUEUE_SCOPES } from "../domain/portfolios.js";
import { CYCLE_OUTCOMES } from "../domain/progress.js";
import { PUBLICATION_STATES, SENT_WITH, WITHDRAWAL_REASON_MAX } from "../domain/publication.js";
import {
  CRITERION_RESULTS,
  OBSERVATION_TYPES,
  REVIEW_DECISIONS,
  REVIEW_OUTCOMES,
} from "../domain/review.js";
import { TOOL_STATES } from "../domain/tool-state.js";
import { Cvegeo, component, QueryFlag } from "./common.js";
import { DocumentTemplate, DraftContent } from "./document-drafts.js";
import { MaturityLevel, Period, ToolCriterion } from "./model.js";
import { z } from "./zod.js";

/** A calendar date as ISO `aaaa-mm-dd` (the interface shows dd/mm/aaaa). */
export const LocalDate = z
  .string()
  .refine(isLocalDate, { message: "Debe ser una fecha válida con formato aaaa-mm-dd." });

const PersonRef = z.object({ id: z.uuid(), name: z.string(), email: z.string() });

/** A stored document (the signed agreement, a designation letter), downloadable by its owner's URL. */
export const DocumentRef = z.object({
  id: z.uuid(),
  fileName: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});

export const Agreement = component("Agreement", {
  id: z.uuid(),
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  signedOn: LocalDate,
  cohort: z.string(),
  modelVersion: z
    .number()
    .int()
    .describe("La versión del modelo que rige las herramientas del municipio."),
  liaison: PersonRef.nullable().describe("El enlace designado en vigor."),
  document: DocumentRef.nullable().describe(
    "El convenio firmado: GET /api/agreements/:id/document.",
  ),
  participation: z
    .object({ status: z.enum(PARTICIPATION_STATUSES), since: LocalDate })
    .describe(
      "Si participa (active) o no (suspended, ended) y desde cuándo, según los cambios del convenio.",
    ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agreement = z.infer<typeof Agreement>;

/** A renewal, ratification, suspension, resumption or termination of an agreement. */
export const AgreementChange = component("AgreementChange", {
  id: z.uuid(),
  agreementId: z.uuid(),
  kind: z.enum(AGREEMENT_CHANGE_KINDS),
  effectiveOn: LocalDate,
  validUntil: LocalDate.nullable(),
  reason: z.string(),
  document: DocumentRef.nullable().describe(
    "El nuevo convenio firmado o la ratificación: GET /api/agreement-changes/:id/document.",
  ),
  createdBy: z.string().nullable().describe("Nombre de quien lo registró."),
  createdAt: z.string(),
});
export type AgreementChange = z.infer<typeof AgreementChange>;

export const RecordAgreementChangeRequest = z.object({
  kind: z.enum(AGREEMENT_CHANGE_KINDS),
  effectiveOn: LocalDate.describe(
    "Fecha de firma, de suspensión, de reanudación o de terminación.",
  ),
  validUntil: LocalDate.nullable()
    .optional()
    .describe("Fin de la vigencia del nuevo convenio, si la tiene."),
  reason: z
    .string()
    .trim()
    .max(2000)
    .default("")
    .describe("Obligatorio para suspender o terminar."),
});
export type RecordAgreementChangeRequest = z.input<typeof RecordAgreementChangeRequest>;

export const CreateAgreementRequest = z.object({
  municipality: Cvegeo,
  signedOn: LocalDate,
  cohort: z.string().trim().min(1).max(100).describe('p. ej. "Cohorte 2022"'),
});
export type CreateAgreementRequest = z.infer<typeof CreateAgreementRequest>;

export const CorrectAgreementRequest = z
  .object({
    signedOn: LocalDate.optional(),
    cohort: z.string().trim().min(1).max(100).optional(),
    reason: z
      .string()
      .trim()
      .min(5)
      .max(1000)
      .describe("Por qué se corrige: queda en la bitácora."),
  })
  .refine((body) => body.signedOn !== undefined || body.cohort !== undefined, {
    message: "No hay cambios que guardar.",
  });
export type CorrectAgreementRequest = z.infer<typeof CorrectAgreementRequest>;

export const AgreementQuery = z.object({ cohort: z.string().trim().max(100).optional() });

export const ToolState = z.enum(TOOL_STATES);

export const CycleOutcome = z
  .enum(CYCLE_OUTCOMES)
  .describe(
    "on_time: validada y enviada a tiempo; late: validada fuera de plazo; missed: venció sin validarse (vencida); open: sin validar, dentro de su plazo.",
  );

/** Which deliverable a row is about: the tool and, for a tool in parts, the part, with their names. */
export const DeliverableFields = {
  tool: z.string(),
  toolName: z.string(),
  part: z.string().nullable(),
  partName: z.string().nullable(),
};

/** The yearly cycles a tool missed (oldest first) and the newer one under way, if any. */
export const CycleFields = {
  missedCycles: z
    .array(z.number().int())
    .describe("Ciclos anuales cuyo plazo venció sin validarse: vencidos hasta que se validen."),
  workingCycle: z
    .number()
    .int()
    .nullable()
    .describe("Un ciclo anual más reciente ya abierto y aún no vencido (en curso); si no, null."),
};

export const ToolInstance = component("ToolInstance", {
  id: z.uuid(),
  tool: z.string().describe("Clave de la herramienta, p. ej. E2."),
  toolName: z.string(),
  dimension: z.string(),
  dimensionName: z
    .string()
    .describe("La dimensión como la nombra la versión del modelo del convenio."),
  annual: z
    .boolean()
    .describe("Si la herramienta se repite cada año (en la versión del modelo del convenio)."),
  part: z.string().nullable(),
  partName: z.string().nullable(),
  cycle: z.number().int().describe("1 para herramientas únicas; 1, 2, 3… para los ciclos anuales."),
  opensOn: LocalDate,
  deadline: LocalDate.nullable().describe(
    "El plazo vigente: el original o, si se aprobó una prórroga, el prorrogado.",
  ),
  originalDeadline: LocalDate.nullable().describe(
    "El plazo original cuando hay una prórroga aprobada; null si nunca se prorrogó.",
  ),
  state: ToolState,
  overdue: z.boolean().describe("Derivado: venció el plazo vigente y no está validada."),
  daysLeft: z.number().int().nullable(),
  version: z.number().int(),
  archived: z
    .boolean()
    .describe(
      "Archivada al mover al municipio a una versión del modelo sin esta herramienta: conserva su historia, fuera del índice.",
    ),
  importedOn: LocalDate.nullable().describe(
    "Día en que su estado y sus fechas se cargaron de una hoja de cálculo (el registro previo a MRTM); null si los registró MRTM o si su estado cambió después en MRTM.",
  ),
});
export type ToolInstance = z.infer<typeof ToolInstance>;

export const DesignateLiaisonRequest = z.object({
  userId: z.uuid().describe("Una cuenta con rol de enlace del mismo municipio."),
  designatedOn: LocalDate,
});
export type DesignateLiaisonRequest = z.infer<typeof DesignateLiaisonRequest>;

export const LiaisonDesignation = component("LiaisonDesignation", {
  id: z.uuid(),
  user: z.object({ id: z.uuid(), name: z.string(), email: z.string(), active: z.boolean() }),
  designatedOn: LocalDate,
  letter: DocumentRef.nullable().describe(
    "El oficio de designación: GET /api/liaison-designations/:id/letter.",
  ),
  endedAt: z.string().nullable(),
  current: z.boolean(),
});
export type LiaisonDesignation = z.infer<typeof LiaisonDesignation>;

export const ObservationType = z.enum(OBSERVATION_TYPES);

/** A union of one literal per result: the JSON Schema lists each as a `const`. */
export const CriterionResult = z.union(CRITERION_RESULTS.map((result) => z.literal(result)));

export const ReviewRequest = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  observations: z
    .array(
      z.object({
        type: ObservationType,
        text: z.string().trim().min(1).max(4000),
        sectionKey: z
          .string()
          .max(40)
          .nullable()
          .optional()
          .describe("La sección del documento guiado enviado a la que se refiere, si alguna."),
      }),
    )
    .max(50)
    .default([]),
  criteria: z
    .array(
      z.object({
        code: z.string().max(60),
        result: CriterionResult,
      }),
    )
    .max(100)
    .default([])
    .describe("Resultado por criterio: 1 cumple, 0.5 cumple parcialmente, 0 no cumple."),
  maturityLevel: z
    .number()
    .int()
    .min(0)
    .max(20)
    .nullable()
    .default(null)
    .describe("Nivel de madurez alcanzado, en herramientas con niveles (P2)."),
  expectedVersion: z
    .number()
    .int()
    .min(1)
    .describe("La versión de la herramienta que el revisor vio; si cambió, 409."),
});
export type ReviewRequest = z.input<typeof ReviewRequest>;

export const AnswerObservationRequest = z.object({ answer: z.string().trim().min(1).max(4000) });

export const Observation = z.object({
  id: z.uuid(),
  type: ObservationType,
  sectionKey: z.string().nullable().describe("La sección del documento guiado que observa."),
  text: z.string(),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
});

export const EvidenceFile = component("EvidenceFile", {
  id: z.uuid(),
  version: z.number().int(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  effectiveOn: LocalDate,
  isPublic: z.boolean(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  sentWith: z
    .enum(SENT_WITH)
    .describe(
      "La entrega con la que se envió por primera vez: none (borrador), in_review, validated o changes_requested (devuelta).",
    ),
  publication: z
    .enum(PUBLICATION_STATES)
    .describe(
      "published (público), to_publish (público al validarse), returned (no se publica: su entrega fue devuelta), private (no público) o withdrawn (retirado de publicación).",
    ),
  withdrawal: z
    .object({ reason: z.string(), by: z.string(), at: z.string() })
    .nullable()
    .describe("El retiro de publicación: motivo, quién y cuándo; null si no se retiró."),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

export const ToolInstanceDetail = ToolInstance.extend({
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  maturity: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe(
      "La madurez que midió la última revisión (0 a 1): criterios cumplidos (P1) o nivel alcanzado (P2); null si la herramienta no la mide.",
    ),
  modelTool: z
    .object({
      modelVersion: z.number().int(),
      description: z.string().describe("Qué pide la herramienta, según el modelo."),
      parts: z
        .array(z.object({ code: z.string(), name: z.string(), description: z.string() }))
        .describe("Sus componentes (incisos), en orden; vacío si no tiene."),
      period: Period,
      criteria: z.array(ToolCriterion),
      maturityLevels: z.array(MaturityLevel),
      guidedDocument: z
        .boolean()
        .describe(
          "Si el modelo da a esta herramienta (o componente) una plantilla de documento guiado: GET /api/tool-instances/:id/draft.",
        ),
    })
    .describe(
      "La herramienta según la versión del modelo del convenio del municipio (no la más reciente): sus criterios y niveles son los que se evalúan en la revisión.",
    ),
  evidence: z.array(EvidenceFile),
  agreement: z
    .object({ id: z.uuid(), signedOn: LocalDate, document: DocumentRef.nullable() })
    .nullable()
    .describe(
      "Solo en la herramienta del convenio (E1), validada en la fecha de firma: el convenio firmado es su documento (GET /api/agreements/:id/document). null en las demás.",
    ),
  history: z.array(
    z.object({
      submissionId: z.uuid(),
      submittedAt: z.string(),
      submittedBy: z.string(),
      evidenceIds: z.array(z.uuid()),
      draft: z
        .object({ template: DocumentTemplate, content: DraftContent, revision: z.number().int() })
        .nullable()
        .describe(
          "El documento guiado tal como se envió: el revisor lo lee junto al archivo firmado.",
        ),
      review: z
        .object({
          id: z.uuid(),
          decision: z.enum(REVIEW_OUTCOMES),
          reviewer: z.string(),
          decidedAt: z.string(),
          criteria: z.array(z.object({ code: z.string(), result: z.number() })),
          maturityLevel: z
            .number()
            .int()
            .nullable()
            .describe("El nivel de madurez alcanzado, en herramientas con niveles (P2)."),
          observations: z.array(Observation),
        })
        .nullable(),
    }),
  ),
}).meta({ id: "ToolInstanceDetail" });
export type ToolInstanceDetail = z.infer<typeof ToolInstanceDetail>;

export const DiagnosticAnswer = z
  .enum(DIAGNOSTIC_ANSWERS)
  .describe('has: "ya cuenta con ella" (con documento); pending: "pendiente de elaboración".');

export const Diagnostic = component("Diagnostic", {
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  status: z.enum(DIAGNOSTIC_STATUSES),
  updatedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  round: z
    .number()
    .int()
    .describe(
      "1 la primera vez; una más cada vez que se responde de nuevo (nueva administración).",
    ),
  newRound: z
    .object({
      allowed: z.boolean(),
      reason: z.string().nullable().describe("Por qué aún no se puede responder de nuevo."),
    })
    .describe("Si el enlace puede responder de nuevo el diagnóstico (una vez por administración)."),
  agreement: z
    .object({
      signedOn: LocalDate,
      unitName: z
        .string()
        .describe("La unidad de la institución que tiene el convenio en archivo (E1)."),
    })
    .describe("El convenio firmado: E1 se lee «Realizado (convenio en archivo de …)»."),
  items: z.array(
    z.object({
      instanceId: z.uuid(),
      tool: z.string(),
      toolName: z.string(),
      dimension: z.string(),
      part: z.string().nullable(),
      partName: z.string().nullable(),
      periodLabel: z.string(),
      periodKind: z.enum(PERIOD_KINDS),
      state: ToolState.describe(
        "El estado actual. Validada o en revisión (y E1, el convenio): se muestra, no se pregunta.",
      ),
      answer: DiagnosticAnswer.nullable(),
      evidenceCount: z.number().int(),
    }),
  ),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

export const DiagnosticComparison = component("DiagnosticComparison", {
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  previous: z.object({
    round: z.number().int(),
    submittedAt: z.string(),
    submittedBy: z.string().nullable(),
  }),
  current: z.object({
    round: z.number().int(),
    status: z.enum(DIAGNOSTIC_STATUSES),
    submittedAt: z.string().nullable(),
    submittedBy: z.string().nullable(),
  }),
  changed: z.number().int().describe("Cuántas herramientas cambiaron de respuesta."),
  rows: z.array(
    z.object({
      instanceId: z.uuid(),
      dimension: z.string(),
      label: z.string(),
      previous: z.string().describe("La respuesta de la ronda anterior."),
      current: z.string().describe("La respuesta de la ronda actual (o por qué no se pregunta)."),
      changed: z.boolean(),
    }),
  ),
});
export type DiagnosticComparison = z.infer<typeof DiagnosticComparison>;

export const SaveDiagnosticRequest = z.object({
  answers: z
    .array(z.object({ instanceId: z.uuid(), answer: DiagnosticAnswer.nullable() }))
    .max(500)
    .describe("Las respuestas que cambian; null borra una respuesta."),
});
export type SaveDiagnosticRequest = z.infer<typeof SaveDiagnosticRequest>;

export const EvidenceUploadQuery = z.object({
  effectiveOn: LocalDate.optional().describe(
    "Fecha de vigencia del documento: hoy o antes (por omisión, hoy).",
  ),
  public: QueryFlag.default("false").describe(
    "Si el documento podrá publicarse cuando la herramienta se valide.",
  ),
});

export const WithdrawEvidenceRequest = z.object({
  reason: z
    .string()
    .max(WITHDRAWAL_REASON_MAX * 4)
    .describe("Por qué se retira de publicación (obligatorio; queda en la bitácora)."),
});
export type WithdrawEvidenceRequest = z.infer<typeof WithdrawEvidenceRequest>;

export const SetEvidencePublicRequest = z.object({
  isPublic: z.boolean().describe("Si el documento se publicará cuando la herramienta se valide."),
});
export type SetEvidencePublicRequest = z.infer<typeof SetEvidencePublicRequest>;

export const ReviewQueueQuery = z.object({
  scope: z
    .enum(QUEUE_SCOPES)
    .optional()
    .describe("mine: solo los municipios asignados a quien consulta; all (predeterminado): todos."),
  municipality: Cvegeo.optional(),
  tool: z.string().trim().max(10).optional(),
  dimension: z.string().trim().max(10).optional(),
  cohort: z.string().trim().max(100).optional(),
});

export const ReviewQueueItem = component("ReviewQueueItem", {
  instanceId: z.uuid(),
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  cohort: z.string(),
  tool: z.string(),
  toolName: z.string(),
  dimension: z.string(),
  part: z.string().nullable(),
  partName: z.string().nullable(),
  cycle: z.number().int(),
  deadline: LocalDate.nullable(),
  submittedAt: z.string(),
  daysWaiting: z.number().int(),
  resubmission: z.boolean().describe("Ya fue devuelta antes con observaciones."),
  version: z.number().int(),
});
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>;

export const TimelineEvent = component("TimelineEvent", {
  id: z.number().int(),
  occurredAt: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  details: z.unknown().nullable(),
  tool: z
    .object({
      instanceId: z.uuid(),
      code: z.string().describe("Clave de la herramienta, p. ej. E3."),
      name: z.string(),
      part: z.string().nullable(),
      partName: z.string().nullable(),
      cycle: z.number().int(),
      opensOn: LocalDate.describe("Inicio del ciclo."),
      annual: z.boolean().describe("Si la herramienta se repite cada año."),
    })
    .nullable()
    .describe(
      "La herramienta del municipio a la que se refiere el evento (la herramienta misma, una evidencia o una observación); null si no es de una herramienta.",
    ),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export type DocumentRef = z.infer<typeof DocumentRef>;
