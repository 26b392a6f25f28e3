/**
 * M4 improvement plans: a municipality's actions, each with what it improves, owner, due date,
 * status and evidence of completion. Dates are `aaaa-mm-dd`. The rules live in
 * src/domain/improvement-plans.ts.
 */
import {
  IMPROVEMENT_ACTION_STATUSES,
  IMPROVEMENT_TARGET_KINDS,
  improvementStatusProblem,
  improvementTargetProblem,
} from "../domain/improvement-plans.js";
import { Cvegeo, component } from "./common.js";
import { DocumentRef, LocalDate } from "./participation.js";
import { z } from "./zod.js";

export const ImprovementTargetKind = z.enum(IMPROVEMENT_TARGET_KINDS);
export const ImprovementActionStatus = z.enum(IMPROVEMENT_ACTION_STATUSES);

const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((value) => (value ? value : null));

export const ImprovementActionFields = z.object({
  description: z.string().trim().min(3).max(2000).describe("Qué se hará."),
  targetKind: ImprovementTargetKind.describe(
    "Qué mejora: la brecha de una herramienta, una observación de una revisión, o un hallazgo de la encuesta o de los indicadores.",
  ),
  toolCode: OptionalText(10).describe(
    "La herramienta cuya brecha atiende (o a la que se refiere).",
  ),
  observationId: z.uuid().nullable().default(null).describe("La observación que atiende."),
  finding: OptionalText(2000).describe("El hallazgo de la encuesta o de los indicadores."),
  owner: z.string().trim().min(1).max(200).describe("Persona o área responsable."),
  dueOn: LocalDate.describe("Fecha compromiso."),
});

function withTarget<T extends z.ZodType<z.output<typeof ImprovementActionFields>>>(schema: T) {
  return schema.superRefine((action, context) => {
    const problem = improvementTargetProblem({
      kind: action.targetKind,
      toolCode: action.toolCode,
      observationId: action.observationId,
      finding: action.finding,
    });
    if (problem) {
      context.addIssue({ code: "custom", message: problem.message, path: [problem.field] });
    }
  });
}

export const CreateImprovementActionRequest = withTarget(ImprovementActionFields);
export type CreateImprovementActionRequest = z.input<typeof ImprovementActionFields>;

const UpdateFields = ImprovementActionFields.extend({
  status: ImprovementActionStatus,
  completionNote: OptionalText(2000).describe(
    "Evidencia de cumplimiento: qué se hizo y dónde consta (obligatoria para darla por cumplida).",
  ),
  expectedRevision: z
    .number()
    .int()
    .min(0)
    .describe("La revisión de la acción que se editó; si cambió desde entonces, 409."),
});

export const UpdateImprovementActionRequest = withTarget(UpdateFields).superRefine(
  (action, context) => {
    const problem = improvementStatusProblem(action.status, action.completionNote);
    if (problem) {
      context.addIssue({ code: "custom", message: problem.message, path: [problem.field] });
    }
  },
);
export type UpdateImprovementActionRequest = z.input<typeof UpdateFields>;

const Named = z.object({ cvegeo: Cvegeo, name: z.string() });

export const ImprovementAction = component("ImprovementAction", {
  id: z.uuid(),
  municipality: Named,
  description: z.string(),
  targetKind: ImprovementTargetKind,
  toolCode: z.string().nullable(),
  toolName: z.string().nullable(),
  observation: z
    .object({ id: z.uuid(), text: z.string(), toolCode: z.string() })
    .nullable()
    .describe("La observación que atiende, con su texto."),
  finding: z.string().nullable(),
  owner: z.string(),
  dueOn: LocalDate,
  status: ImprovementActionStatus,
  overdue: z.boolean().describe("Derivado: abierta después de su fecha compromiso."),
  completionNote: z.string().nullable(),
  completionDocument: DocumentRef.nullable().describe("El archivo de evidencia, si se adjuntó."),
  completedOn: LocalDate.nullable(),
  revision: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type ImprovementAction = z.infer<typeof ImprovementAction>;

export const PlanProgress = z.object({
  total: z.number().int().describe("Acciones que cuentan (todas menos las canceladas)."),
  done: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  percent: z.number().int().nullable().describe("Cumplidas sobre el total, 0 a 100."),
});

export const ImprovementPlan = component("ImprovementPlan", {
  municipality: Named,
  participating: z.boolean().describe("Si el municipio tiene convenio."),
  progress: PlanProgress,
  actions: z.array(ImprovementAction),
  proposals: z
    .array(z.object({ toolCode: z.string(), toolName: z.string(), dueOn: LocalDate }))
    .describe("Las brechas que aún no atiende ninguna acción abierta: lo que propone «un clic»."),
  tools: z
    .array(z.object({ code: z.string(), name: z.string() }))
    .describe("Las herramientas del modelo del municipio, para elegir a cuál se refiere."),
  observations: z
    .array(z.object({ id: z.uuid(), text: z.string(), toolCode: z.string() }))
    .describe("Las observaciones de las revisiones del municipio, para elegir la que atiende."),
});
export type ImprovementPlan = z.infer<typeof ImprovementPlan>;

export const ProposedActionsResult = z.object({
  created: z.number().int().describe("Acciones creadas desde las brechas."),
  plan: ImprovementPlan,
});
export type ProposedActionsResult = z.infer<typeof ProposedActionsResult>;

export const OverdueImprovementAction = component("OverdueImprovementAction", {
  id: z.uuid(),
  municipality: Named,
  description: z.string(),
  toolCode: z.string().nullable(),
  owner: z.string(),
  dueOn: LocalDate,
  status: ImprovementActionStatus,
  daysOverdue: z.number().int(),
});
export type OverdueImprovementAction = z.infer<typeof OverdueImprovementAction>;

export const ImprovementOverview = component("ImprovementOverview", {
  plans: z.array(
    z
      .object({ municipality: Named, progress: PlanProgress })
      .describe("El plan de cada municipio."),
  ),
  overdue: z.array(OverdueImprovementAction),
});
export type ImprovementOverview = z.infer<typeof ImprovementOverview>;
