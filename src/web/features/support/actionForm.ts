import type { SupportActionDetail } from "../../../contracts/support.js";
import {
  type Modality,
  SUPPORT_ACTION_TYPES,
  type SupportActionType,
} from "../../../domain/support.js";
import {
  type ActionField,
  isLocalTime,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  suggestedTitle,
  venueProblems,
} from "../../../domain/support-actions.js";
import { todayLocalDate } from "../../ui/format";
import type { Problems } from "../../ui/useFieldProblems";

/** The new-action form as typed. */
export interface FormState {
  type: SupportActionType;
  title: string;
  description: string;
  date: string;
  time: string;
  durationMinutes: string;
  modality: Modality;
  place: string;
  link: string;
  facilitatorIds: string[];
  tools: string[];
  invited: string[];
}

/** The form's fields, in the order the first problem is looked for. */
export const FIELDS = [
  "type",
  "title",
  "description",
  "date",
  "time",
  "durationMinutes",
  "modality",
  "place",
  "link",
  "facilitatorIds",
  "tools",
  "invited",
] as const;
export type FieldName = (typeof FIELDS)[number];
/** The fields typed as text (the rest are choices). */
export type TextFieldName = Extract<
  FieldName,
  "title" | "description" | "date" | "time" | "durationMinutes" | "place" | "link"
>;

/** Which editable field (domain name) each form field belongs to. */
export const DOMAIN_FIELD: Record<FieldName, ActionField> = {
  type: "type",
  title: "title",
  description: "description",
  date: "startsAt",
  time: "startsAt",
  durationMinutes: "durationMinutes",
  modality: "modality",
  place: "place",
  link: "link",
  facilitatorIds: "facilitators",
  tools: "tools",
  invited: "invited",
};

const list = (value: string | null) =>
  (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

/** The new-action form, pre-filled through its address (read back by `initialState`). */
export function prefillPath(
  type: SupportActionType,
  tools: readonly string[],
  municipalities: readonly string[],
  municipalityName?: string,
): string {
  const params = new URLSearchParams({
    tipo: type,
    herramientas: tools.join(","),
    municipios: municipalities.join(","),
    titulo: suggestedTitle(type, tools, municipalityName),
  });
  return `/acompanamiento/nueva?${params.toString()}`;
}

/** The form's starting point: an existing action, or the suggestion passed in the address. */
export function initialState(
  action: SupportActionDetail | undefined,
  search: URLSearchParams,
  me: string | undefined,
): FormState {
  if (action) {
    return {
      type: action.type,
      title: action.title,
      description: action.description,
      date: action.date,
      time: action.time,
      durationMinutes: String(action.durationMinutes),
      modality: action.modality,
      place: action.place ?? "",
      link: action.link ?? "",
      facilitatorIds: action.facilitators.map((f) => f.id),
      tools: action.tools,
      invited: action.invited.map((m) => m.cvegeo),
    };
  }
  const type = search.get("tipo");
  return {
    type: SUPPORT_ACTION_TYPES.includes(type as SupportActionType)
      ? (type as SupportActionType)
      : "training",
    title: search.get("titulo") ?? "",
    description: "",
    date: todayLocalDate(),
    time: "10:00",
    durationMinutes: "120",
    modality: "in_person",
    place: "",
    link: "",
    facilitatorIds: me ? [me] : [],
    tools: list(search.get("herramientas")),
    invited: list(search.get("municipios")),
  };
}

/** What is wrong with the form before sending it. */
export function validate(form: FormState): Problems<FieldName> {
  const duration = Number(form.durationMinutes);
  const found: Problems<FieldName> = {
    title: form.title.trim().length < 3 ? "Escriba un título (al menos 3 caracteres)." : undefined,
    date: form.date ? undefined : "Indique la fecha.",
    time: isLocalTime(form.time) ? undefined : "Indique la hora (HH:MM).",
    durationMinutes:
      Number.isInteger(duration) &&
      duration >= MIN_DURATION_MINUTES &&
      duration <= MAX_DURATION_MINUTES
        ? undefined
        : `La duración va de ${MIN_DURATION_MINUTES} a ${MAX_DURATION_MINUTES} minutos.`,
    facilitatorIds:
      form.facilitatorIds.length > 0 ? undefined : "Elija al menos una persona facilitadora.",
    tools: form.tools.length > 0 ? undefined : "Elija al menos una herramienta.",
    invited: form.invited.length > 0 ? undefined : "Invite al menos a un municipio.",
  };
  for (const problem of venueProblems({
    modality: form.modality,
    place: form.place,
    link: form.link,
  })) {
    found[problem.field as "place" | "link"] = problem.message;
  }
  return found;
}
