/**
 * E4 project cards (fichas de proyecto). Dates are `aaaa-mm-dd`; amounts are pesos with up to two
 * decimals. The rules (dates, progress, the E4 deadline) live in src/domain/project-cards.ts.
 */
import {
  MAX_PROJECT_ACTIVITIES,
  PROJECT_CARD_STATUSES,
  projectCardProblems,
} from "../domain/project-cards.js";
import { Cvegeo, component } from "./common.js";
import { LocalDate, ToolState } from "./participation.js";
import { z } from "./zod.js";

export const ProjectCardStatus = z.enum(PROJECT_CARD_STATUSES);

const Text = (max: number) => z.string().trim().min(1).max(max);

export const ProjectActivity = component("ProjectActivity", {
  description: Text(500).describe("La actividad principal."),
  responsible: Text(200).describe("Persona o área responsable."),
  startsOn: LocalDate,
  endsOn: LocalDate,
});

/** The largest budget accepted: a trillion pesos, far beyond any municipal project. */
const MAX_BUDGET = 1_000_000_000_000;

export const ProjectCardFields = z.object({
  title: Text(200).describe("Nombre del proyecto."),
  objectives: Text(4000).describe("Objetivos del proyecto."),
  expectedResults: Text(4000).describe("Resultados esperados."),
  activities: z
    .array(ProjectActivity)
    .min(1)
    .max(MAX_PROJECT_ACTIVITIES)
    .describe("Actividades principales, con sus fechas y responsables."),
  budgetAmount: z
    .number()
    .min(0)
    .max(MAX_BUDGET)
    .multipleOf(0.01)
    .describe("Presupuesto en pesos (hasta dos decimales)."),
  budgetSource: Text(300).describe("Fuente del presupuesto (p. ej. recursos propios)."),
  developmentPlanLink: Text(1000).describe(
    "Vinculación con el Plan de Desarrollo Municipal: eje, objetivo o línea de acción.",
  ),
  startsOn: LocalDate.describe("Fecha de inicio del proyecto."),
  endsOn: LocalDate.describe("Fecha de término del proyecto."),
  status: ProjectCardStatus.default("planned"),
  progress: z.number().int().min(0).max(100).default(0).describe("Avance en porcentaje."),
});

/** Adds the domain's problems (dates, progress) as issues on the fields they concern. */
function withCardRules<T extends z.ZodType<z.output<typeof ProjectCardFields>>>(schema: T) {
  return schema.superRefine((card, context) => {
    for (const problem of projectCardProblems(card)) {
      context.addIssue({
        code: "custom",
        message: problem.message,
        path: problem.field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      });
    }
  });
}

export const CreateProjectCardRequest = withCardRules(ProjectCardFields);
export type CreateProjectCardRequest = z.input<typeof ProjectCardFields>;

export const UpdateProjectCardRequest = withCardRules(
  ProjectCardFields.extend({
    expectedRevision: z
      .number()
      .int()
      .min(0)
      .describe("La revisión de la ficha que se editó; si cambió desde entonces, 409."),
  }),
);
export type UpdateProjectCardRequest = z.input<typeof ProjectCardFields> & {
  expectedRevision: number;
};

export const ProjectCard = component("ProjectCard", {
  id: z.uuid(),
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  toolInstanceId: z.uuid().describe("La herramienta E4 del municipio de la que es evidencia."),
  title: z.string(),
  objectives: z.string(),
  expectedResults: z.string(),
  activities: z.array(ProjectActivity),
  budgetAmount: z.number(),
  budgetSource: z.string(),
  developmentPlanLink: z.string(),
  startsOn: LocalDate,
  endsOn: LocalDate,
  status: ProjectCardStatus,
  progress: z.number().int(),
  revision: z.number().int(),
  createdBy: z.string().describe("Nombre de quien la registró."),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProjectCard = z.infer<typeof ProjectCard>;

export const ProjectCardList = component("ProjectCardList", {
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  tool: z
    .object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      state: ToolState,
      deadline: LocalDate.nullable().describe(
        "El plazo de la herramienta: el término más tardío de las fichas no canceladas.",
      ),
    })
    .nullable()
    .describe("La herramienta por proyecto (E4) del municipio; null sin convenio."),
  cards: z.array(ProjectCard),
});
export type ProjectCardList = z.infer<typeof ProjectCardList>;
