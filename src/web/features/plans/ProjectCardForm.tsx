import { type FormEvent, useState } from "react";
import type { ProjectCard } from "../../../contracts/project-cards.js";
import { isLocalDate } from "../../../domain/dates.js";
import {
  PROJECT_CARD_STATUS_LABELS,
  PROJECT_CARD_STATUSES,
  type ProjectActivity,
  type ProjectCardStatus,
  projectCardProblems,
} from "../../../domain/project-cards.js";
import { FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { FormActions } from "../../ui/FormActions";
import { labelledOptions, SelectField } from "../../ui/SelectField";
import { TextAreaField, TextField } from "../../ui/TextField";
import { useFieldProblems } from "../../ui/useFieldProblems";

interface Draft {
  title: string;
  objectives: string;
  expectedResults: string;
  developmentPlanLink: string;
  budgetAmount: string;
  budgetSource: string;
  startsOn: string;
  endsOn: string;
  status: ProjectCardStatus;
  progress: string;
  activities: ProjectActivity[];
}

const FIELDS = [
  "title",
  "objectives",
  "expectedResults",
  "developmentPlanLink",
  "budgetAmount",
  "budgetSource",
  "startsOn",
  "endsOn",
  "status",
  "progress",
  "activities",
] as const;
type FieldName = (typeof FIELDS)[number];
/** The fields typed as text. */
type TextName = Exclude<FieldName, "status" | "activities">;

const EMPTY_ACTIVITY: ProjectActivity = {
  description: "",
  responsible: "",
  startsOn: "",
  endsOn: "",
};

function draftOf(card: ProjectCard | null): Draft {
  return card
    ? {
        title: card.title,
        objectives: card.objectives,
        expectedResults: card.expectedResults,
        developmentPlanLink: card.developmentPlanLink,
        budgetAmount: String(card.budgetAmount),
        budgetSource: card.budgetSource,
        startsOn: card.startsOn,
        endsOn: card.endsOn,
        status: card.status,
        progress: String(card.progress),
        activities: card.activities,
      }
    : {
        title: "",
        objectives: "",
        expectedResults: "",
        developmentPlanLink: "",
        budgetAmount: "",
        budgetSource: "",
        startsOn: "",
        endsOn: "",
        status: "planned",
        progress: "0",
        activities: [{ ...EMPTY_ACTIVITY }],
      };
}

/** What the card sends: the draft with its numbers read («1,250.50» is 1250.5). */
export interface CardValues {
  title: string;
  objectives: string;
  expectedResults: string;
  developmentPlanLink: string;
  budgetAmount: number;
  budgetSource: string;
  startsOn: string;
  endsOn: string;
  status: ProjectCardStatus;
  progress: number;
  activities: ProjectActivity[];
}

const amountOf = (text: string) => Number(text.replaceAll(",", "").replace("$", "").trim());

/** The problems the form finds itself, with the domain's rules for dates and progress. */
function problemsOf(draft: Draft): {
  found: Partial<Record<FieldName, string>>;
  activity: string[];
} {
  const found: Partial<Record<FieldName, string>> = {};
  const required: [FieldName, string][] = [
    ["title", "Escriba el nombre del proyecto."],
    ["objectives", "Describa los objetivos."],
    ["expectedResults", "Describa los resultados esperados."],
    ["developmentPlanLink", "Indique su vinculación con el Plan de Desarrollo Municipal."],
    ["budgetSource", "Indique la fuente del presupuesto."],
  ];
  for (const [field, message] of required) {
    if (!String(draft[field]).trim()) {
      found[field] = message;
    }
  }
  const amount = amountOf(draft.budgetAmount);
  if (draft.budgetAmount.trim() === "" || !Number.isFinite(amount) || amount < 0) {
    found.budgetAmount = "Indique el presupuesto en pesos (0 o más).";
  }
  const progress = Number(draft.progress);
  if (!Number.isInteger(progress) || progress < 0 || progress > 100) {
    found.progress = "El avance es un número entero de 0 a 100.";
  }
  if (!isLocalDate(draft.startsOn)) {
    found.startsOn = "Indique la fecha de inicio.";
  }
  if (!isLocalDate(draft.endsOn)) {
    found.endsOn = "Indique la fecha de término.";
  }
  const activity = draft.activities.map((a, i) =>
    !a.description.trim() ||
    !a.responsible.trim() ||
    !isLocalDate(a.startsOn) ||
    !isLocalDate(a.endsOn)
      ? `Actividad ${i + 1}: complete la descripción, el responsable y sus fechas.`
      : "",
  );
  if (draft.activities.length === 0) {
    found.activities = "Agregue al menos una actividad principal.";
  }
  if (!found.startsOn && !found.endsOn && !found.progress && activity.every((a) => !a)) {
    for (const problem of projectCardProblems({ ...draft, progress })) {
      const [head, index] = problem.field.split(".");
      if (head === "activities") {
        activity[Number(index)] = problem.message;
      } else {
        found[head as FieldName] ??= problem.message;
      }
    }
  }
  return { found, activity };
}

/** The form of a project card (new or edited); `onSave` sends it. */
export function ProjectCardForm({
  card,
  busy,
  error,
  onSave,
  onCancel,
}: {
  card: ProjectCard | null;
  busy: boolean;
  error: unknown;
  onSave: (values: CardValues) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(card));
  const [activityProblems, setActivityProblems] = useState<string[]>([]);
  const { check, fieldError } = useFieldProblems(FIELDS, error, draft);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));
  /** A text field's value, setter and message. */
  const bind = (key: TextName) => ({
    value: draft[key],
    onChange: set(key),
    error: fieldError(key),
  });
  const setActivity = (index: number, patch: Partial<ProjectActivity>) =>
    setDraft((current) => ({
      ...current,
      activities: current.activities.map((a, i) => (i === index ? { ...a, ...patch } : a)),
    }));
  /** An activity's text field: its value and setter. */
  const bindActivity = (
    activity: ProjectActivity,
    index: number,
    key: "description" | "responsible" | "startsOn" | "endsOn",
  ) => ({
    value: activity[key],
    onChange: (value: string) => setActivity(index, { [key]: value }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { found, activity } = problemsOf(draft);
    setActivityProblems(activity);
    const sound = check(found) && activity.every((a) => !a);
    if (busy || !sound) {
      return;
    }
    onSave({
      ...draft,
      budgetAmount: Math.round(amountOf(draft.budgetAmount) * 100) / 100,
      progress: Number(draft.progress),
    });
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label="Ficha de proyecto">
      <TextField label="Nombre del proyecto" required {...bind("title")} maxLength={200} />
      <TextAreaField label="Objetivos" required rows={3} {...bind("objectives")} maxLength={4000} />
      <TextAreaField
        label="Resultados esperados"
        required
        rows={3}
        {...bind("expectedResults")}
        maxLength={4000}
      />
      <TextAreaField
        label="Vinculación con el Plan de Desarrollo Municipal"
        hint="Eje, objetivo o línea de acción del plan al que contribuye."
        required
        rows={2}
        {...bind("developmentPlanLink")}
        maxLength={1000}
      />
      <div className="form-grid">
        <TextField
          label="Presupuesto (pesos)"
          required
          inputMode="decimal"
          {...bind("budgetAmount")}
        />
        <TextField
          label="Fuente del presupuesto"
          required
          {...bind("budgetSource")}
          maxLength={300}
        />
        <TextField label="Fecha de inicio" type="date" required {...bind("startsOn")} />
        <TextField
          label="Fecha de término"
          hint="La más tardía de las fichas no canceladas es el plazo de la herramienta E4."
          type="date"
          required
          {...bind("endsOn")}
        />
        <SelectField
          label="Estado"
          value={draft.status}
          onChange={(value) => set("status")(value as ProjectCardStatus)}
          options={labelledOptions(PROJECT_CARD_STATUSES, PROJECT_CARD_STATUS_LABELS)}
          error={fieldError("status")}
        />
        <TextField
          label="Avance (%)"
          type="number"
          min={0}
          max={100}
          step={1}
          {...bind("progress")}
        />
      </div>
      <fieldset className="fieldset">
        <legend>Actividades principales</legend>
        {fieldError("activities") ? (
          <p className="field__error">{fieldError("activities")}</p>
        ) : null}
        <ol className="stack">
          {draft.activities.map((activity, index) => (
            // Activities have no identity of their own: their position is their name.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} className="stack">
              <div className="form-grid">
                <TextField
                  label={`Actividad ${index + 1}`}
                  required
                  {...bindActivity(activity, index, "description")}
                  maxLength={500}
                />
                <TextField
                  label={`Responsable de la actividad ${index + 1}`}
                  required
                  {...bindActivity(activity, index, "responsible")}
                  maxLength={200}
                />
                <TextField
                  label={`Inicio de la actividad ${index + 1}`}
                  type="date"
                  required
                  {...bindActivity(activity, index, "startsOn")}
                />
                <TextField
                  label={`Término de la actividad ${index + 1}`}
                  type="date"
                  required
                  {...bindActivity(activity, index, "endsOn")}
                />
              </div>
              {activityProblems[index] ? (
                <p className="field__error">{activityProblems[index]}</p>
              ) : null}
              {draft.activities.length > 1 ? (
                <div className="button-row">
                  <Button
                    size="small"
                    onClick={() =>
                      set("activities")(draft.activities.filter((_, i) => i !== index))
                    }
                  >
                    Quitar la actividad {index + 1}
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
        <Button
          size="small"
          onClick={() => set("activities")([...draft.activities, { ...EMPTY_ACTIVITY }])}
        >
          Agregar actividad
        </Button>
      </fieldset>
      <FormError error={error} fields={FIELDS} />
      <FormActions
        submitLabel={card ? "Guardar cambios" : "Registrar ficha"}
        busy={busy}
        onCancel={onCancel}
      />
    </form>
  );
}
