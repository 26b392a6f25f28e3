/**
 * Support actions (working meetings, trainings, advisory sessions), their commitments, the
 * suggestions from the gaps and the effectiveness report. Dates are `aaaa-mm-dd` and times `HH:MM`
 * in the institution's time zone (America/Mexico_City); instants are ISO 8601 with offset.
 */

import { STAFF_ROLES } from "../domain/roles.js";
import {
  COMMITMENT_STATUSES,
  MODALITIES,
  SUPPORT_ACTION_STATUSES,
  SUPPORT_ACTION_TYPES,
} from "../domain/support.js";
import { CANCEL_REASON_MIN, isLocalTime } from "../domain/support-actions.js";
import {
  DEFAULT_EFFECTIVENESS_DAYS,
  GAP_OUTCOMES,
  MAX_EFFECTIVENESS_DAYS,
} from "../domain/support-effectiveness.js";
import { Cvegeo, component, PageQuery, paged, QueryFlag } from "./common.js";
import { DocumentRef, LocalDate, ToolState } from "./participation.js";
import { z } from "./zod.js";

export { DEFAULT_EFFECTIVENESS_DAYS, MAX_EFFECTIVENESS_DAYS };

export const SupportActionType = z.enum(SUPPORT_ACTION_TYPES);
export const Modality = z.enum(MODALITIES);
export const SupportActionStatus = z.enum(SUPPORT_ACTION_STATUSES);
export const CommitmentStatus = z.enum(COMMITMENT_STATUSES);

export const LocalTime = z
  .string()
  .refine(isLocalTime, { message: "Debe ser una hora válida con formato HH:MM (24 horas)." });

const Revision = z
  .number()
  .int()
  .min(0)
  .describe("La revisión de la acción que el editor vio; si cambió desde entonces, 409.");

const ToolCode = z.string().trim().min(1).max(10);
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((value) => (value ? value : null));

const actionFields = {
  type: SupportActionType,
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().max(4000).default(""),
  date: LocalDate.describe("Fecha de la acción (hora de la Ciudad de México)."),
  time: LocalTime.describe("Hora de inicio (hora de la Ciudad de México)."),
  durationMinutes: z.number().int().min(15).max(1440),
  modality: Modality,
  place: OptionalText(500).describe("Obligatorio en acciones presenciales e híbridas."),
  link: OptionalText(1000).describe(
    "Obligatorio en acciones virtuales e híbridas: una dirección http(s).",
  ),
  facilitatorIds: z
    .array(z.uuid())
    .min(1)
    .max(20)
    .describe("Personal del órgano garante (revisores o administradores activos)."),
  tools: z
    .array(ToolCode)
    .min(1)
    .max(40)
    .describe("Claves de las herramientas del modelo vigente que se atienden."),
  invited: z
    .array(Cvegeo)
    .min(1)
    .max(3000)
    .describe("Municipios invitados: solo los que tienen convenio."),
};

export const CreateSupportActionRequest = z.object(actionFields);
export type CreateSupportActionRequest = z.input<typeof CreateSupportActionRequest>;

export const UpdateSupportActionRequest = z
  .object({
    type: actionFields.type.optional(),
    title: actionFields.title.optional(),
    description: z.string().trim().max(4000).optional(),
    date: actionFields.date.optional(),
    time: actionFields.time.optional(),
    durationMinutes: actionFields.durationMinutes.optional(),
    modality: actionFields.modality.optional(),
    place: z.string().trim().max(500).nullable().optional(),
    link: z.string().trim().max(1000).nullable().optional(),
    facilitatorIds: actionFields.facilitatorIds.optional(),
    tools: actionFields.tools.optional(),
    invited: actionFields.invited.optional(),
    expectedRevision: Revision,
  })
  .describe("Solo los campos que cambian; los demás se conservan.");
export type UpdateSupportActionRequest = z.input<typeof UpdateSupportActionRequest>;

export const CancelSupportActionRequest = z.object({
  reason: z.string().trim().min(CANCEL_REASON_MIN).max(1000),
  expectedRevision: Revision,
});
export type CancelSupportActionRequest = z.infer<typeof CancelSupportActionRequest>;

export const HoldSupportActionRequest = z.object({
  heldOn: LocalDate.describe("El día en que se realizó."),
  expectedRevision: Revision,
});
export type HoldSupportActionRequest = z.infer<typeof HoldSupportActionRequest>;

export const RescheduleSupportActionRequest = z.object({
  date: LocalDate,
  time: LocalTime,
  expectedRevision: Revision,
});
export type RescheduleSupportActionRequest = z.infer<typeof RescheduleSupportActionRequest>;

export const MinutesRequest = z.object({
  minutes: z.string().trim().max(20000),
  expectedRevision: Revision,
});
export type MinutesRequest = z.infer<typeof MinutesRequest>;

export const AttendeeRequest = z.object({
  municipality: Cvegeo,
  name: z.string().trim().min(2).max(200),
  position: z.string().trim().min(2).max(200).describe("Cargo de la persona asistente."),
});
export type AttendeeRequest = z.infer<typeof AttendeeRequest>;

export const CreateCommitmentRequest = z
  .object({
    description: z.string().trim().min(3).max(2000),
    municipality: Cvegeo.nullable()
      .default(null)
      .describe("El municipio responsable (uno de los invitados); su enlace le da seguimiento."),
    ownerUserId: z
      .uuid()
      .nullable()
      .default(null)
      .describe("Una persona usuaria responsable: personal o del municipio responsable."),
    ownerName: z
      .string()
      .trim()
      .max(200)
      .default("")
      .describe("Nombre de la persona responsable, si no tiene cuenta."),
    dueOn: LocalDate,
  })
  .refine(
    (body) => body.municipality !== null || body.ownerUserId !== null || body.ownerName !== "",
    { message: "Indique el municipio o la persona responsable.", path: ["municipality"] },
  );
export type CreateCommitmentRequest = z.input<typeof CreateCommitmentRequest>;

export const CommitmentStatusRequest = z.object({
  status: CommitmentStatus,
  note: z.string().trim().max(2000).default(""),
});
export type CommitmentStatusRequest = z.input<typeof CommitmentStatusRequest>;

const Named = z.object({ cvegeo: Cvegeo, name: z.string() });
const Person = z.object({ id: z.uuid(), name: z.string(), email: z.string() });

export const StaffMember = Person.extend({ role: z.enum(STAFF_ROLES) }).meta({
  id: "StaffMember",
});
export type StaffMember = z.infer<typeof StaffMember>;

export const Commitment = component("Commitment", {
  id: z.uuid(),
  action: z.object({ id: z.uuid(), title: z.string(), heldOn: LocalDate.nullable() }),
  description: z.string(),
  municipality: Named.nullable(),
  owner: z.object({ userId: z.uuid().nullable(), name: z.string() }),
  dueOn: LocalDate,
  status: CommitmentStatus,
  overdue: z.boolean().describe("Derivado: abierto después de su fecha compromiso."),
  closingNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Commitment = z.infer<typeof Commitment>;

export const Attendee = z
  .object({ id: z.uuid(), municipality: Named, name: z.string(), position: z.string() })
  .meta({ id: "Attendee" });
export type Attendee = z.infer<typeof Attendee>;

export const SupportActionSummary = component("SupportActionSummary", {
  id: z.uuid(),
  type: SupportActionType,
  title: z.string(),
  startsAt: z.string(),
  date: LocalDate,
  time: LocalTime,
  durationMinutes: z.number().int(),
  modality: Modality,
  status: SupportActionStatus,
  heldOn: LocalDate.nullable(),
  tools: z.array(z.string()),
  invited: z.array(Named),
  facilitators: z.array(z.string()),
  openCommitments: z.number().int(),
  revision: z.number().int(),
});
export type SupportActionSummary = z.infer<typeof SupportActionSummary>;

export const SupportActionDetail = SupportActionSummary.omit({ facilitators: true })
  .extend({
    description: z.string(),
    place: z.string().nullable(),
    link: z.string().nullable(),
    cancelReason: z.string().nullable(),
    tools: z.array(z.string()),
    toolNames: z.record(z.string(), z.string()).describe("Nombre de cada herramienta atendida."),
    invited: z.array(Named.extend({ cohort: z.string().nullable() })),
    facilitators: z.array(Person),
    minutes: z.string().nullable(),
    minutesDocument: DocumentRef.nullable().describe(
      "El acta firmada: GET /api/support-actions/:id/minutes/file.",
    ),
    attendees: z
      .array(Attendee)
      .describe("Para un municipio, solo las personas asistentes de su propio municipio."),
    commitments: z
      .array(Commitment)
      .describe("Para un municipio, los acuerdos a su cargo y los que no tienen municipio."),
    baseline: z
      .array(z.object({ municipality: Cvegeo, tool: z.string(), state: ToolState }))
      .describe("Estado de cada herramienta atendida al registrar la acción como realizada."),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "SupportActionDetail" });
export type SupportActionDetail = z.infer<typeof SupportActionDetail>;

export const SupportActionQuery = PageQuery.extend({
  status: SupportActionStatus.optional(),
  type: SupportActionType.optional(),
  when: z
    .enum(["upcoming", "past"])
    .optional()
    .describe("Próximas (programadas por venir) o pasadas."),
  municipality: Cvegeo.optional(),
  tool: ToolCode.optional(),
});
export type SupportActionQuery = Partial<z.output<typeof SupportActionQuery>>;

export const SupportActionList = paged(SupportActionSummary).meta({ id: "SupportActionList" });
export type SupportActionList = z.infer<typeof SupportActionList>;

export const CommitmentQuery = PageQuery.extend({
  status: z
    .enum([...COMMITMENT_STATUSES, "all"])
    .default("open")
    .describe("Por omisión, los abiertos."),
  overdue: QueryFlag.optional().describe("Solo los vencidos."),
  municipality: Cvegeo.optional(),
});
export type CommitmentQuery = Partial<z.output<typeof CommitmentQuery>>;

export const CommitmentList = paged(Commitment)
  .extend({ overdue: z.number().int().describe("Cuántos abiertos están vencidos (en total).") })
  .meta({ id: "CommitmentList" });
export type CommitmentList = z.infer<typeof CommitmentList>;

const Member = z.object({
  cvegeo: Cvegeo,
  name: z.string(),
  cohort: z.string(),
  gapCount: z.number().int(),
});

export const Suggestions = component("SupportSuggestions", {
  today: LocalDate,
  tools: z.array(
    z.object({
      tool: z.string(),
      toolName: z.string(),
      dimension: z.string(),
      total: z.number().int(),
      overdue: z.number().int(),
      cohorts: z.array(z.object({ cohort: z.string(), municipalities: z.array(Member) })),
    }),
  ),
  sharedGroups: z.array(
    z.object({
      tools: z.array(z.string()),
      municipalities: z.array(Member),
      cohorts: z.array(z.string()),
      addressedGaps: z.number().int(),
    }),
  ),
  municipalities: z.array(
    z.object({
      cvegeo: Cvegeo,
      name: z.string(),
      cohort: z.string(),
      gaps: z.array(
        z.object({
          tool: z.string(),
          toolName: z.string(),
          state: ToolState,
          deadline: LocalDate.nullable(),
          overdue: z.boolean(),
        }),
      ),
    }),
  ),
});
export type Suggestions = z.infer<typeof Suggestions>;

export const EffectivenessQuery = z.object({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_EFFECTIVENESS_DAYS)
    .optional()
    .describe(
      `Ventana en días después de la acción; por omisión MRTM_EFFECTIVENESS_DAYS (${DEFAULT_EFFECTIVENESS_DAYS}).`,
    ),
  from: LocalDate.optional().describe("Solo acciones realizadas desde esta fecha."),
  to: LocalDate.optional().describe("Solo acciones realizadas hasta esta fecha."),
});

export const Tally = z.object({
  addressed: z.number().int(),
  closed: z.number().int(),
  submitted: z.number().int(),
  windowOpen: z.number().int(),
  alreadyValidated: z.number().int(),
  closedRate: z.number().nullable(),
  submittedRate: z.number().nullable(),
});
export type Tally = z.infer<typeof Tally>;

export const Outcome = z.enum(GAP_OUTCOMES);

export const Effectiveness = component("SupportEffectiveness", {
  windowDays: z.number().int(),
  today: LocalDate,
  overall: Tally,
  actions: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      type: SupportActionType,
      heldOn: LocalDate,
      windowEndsOn: LocalDate,
      facilitators: z.array(z.string()),
      tally: Tally,
      rows: z.array(
        z.object({
          municipality: Named,
          tool: z.string(),
          baseline: ToolState.nullable(),
          stateNow: ToolState.nullable(),
          submittedWithin: z.boolean(),
          validatedWithin: z.boolean(),
          outcome: Outcome,
        }),
      ),
    }),
  ),
  byTool: z.array(
    z.object({ tool: z.string(), toolName: z.string(), actions: z.number().int(), tally: Tally }),
  ),
  byFacilitator: z.array(
    z.object({
      facilitator: z.object({ id: z.uuid(), name: z.string() }),
      actions: z.number().int(),
      tally: Tally,
    }),
  ),
});
export type Effectiveness = z.infer<typeof Effectiveness>;
