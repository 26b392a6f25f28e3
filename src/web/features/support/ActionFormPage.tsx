import { type FormEvent, useMemo, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type {
  CreateSupportActionRequest,
  SupportActionDetail,
  UpdateSupportActionRequest,
} from "../../../contracts/support.js";
import {
  MODALITIES,
  type Modality,
  SUPPORT_ACTION_TYPES,
  type SupportActionType,
} from "../../../domain/support.js";
import {
  type ActionField,
  editableFields,
  isLocalTime,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  venueProblems,
} from "../../../domain/support-actions.js";
import { api, isApiError } from "../../api/client";
import { Alert, ErrorAlert, FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { Field } from "../../ui/Field";
import { todayLocalDate } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { useAgreements } from "../agreements/queries";
import { useCurrentUser } from "../auth/session";
import { usePublishedModel } from "../model/queries";
import { CheckboxGroup } from "./CheckboxGroup";
import { MODALITY_LABELS, SUPPORT_ACTION_TYPE_LABELS } from "./labels";
import { MunicipalityChecklist } from "./MunicipalityChecklist";
import { useActionChange, useStaff, useSupportAction } from "./queries";
import "./support.css";

interface FormState {
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

const FIELDS = [
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
type FieldName = (typeof FIELDS)[number];
type Problems = Partial<Record<FieldName, string>>;

/** Which editable field (domain name) each form field belongs to. */
const DOMAIN_FIELD: Record<FieldName, ActionField> = {
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

/** The form's starting point: an existing action, or the suggestion passed in the address. */
function initialState(
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

/** Plans a new support action, or edits one (`/acompanamiento/acciones/:id/editar`). */
export function ActionFormPage() {
  const { id } = useParams();
  const existing = useSupportAction(id ?? "");
  if (id && existing.isPending) {
    return <Loading label="Cargando la acción…" />;
  }
  if (id && existing.isError) {
    return <ErrorAlert error={existing.error} />;
  }
  return (
    // Keyed by action only: a background refresh must not wipe what is being typed.
    <ActionForm key={id ?? "nueva"} action={id ? existing.data : undefined} />
  );
}

function ActionForm({ action }: { action: SupportActionDetail | undefined }) {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const model = usePublishedModel();
  const agreements = useAgreements();
  const staff = useStaff();
  const [form, setForm] = useState<FormState>(() => initialState(action, search, user?.id));
  const [problems, setProblems] = useState<Problems>({});
  // The revision the editor started from: if someone saves in between, the server answers 409.
  const [baseRevision] = useState(action?.revision ?? 0);
  const fromSuggestion = !action && (search.has("herramientas") || search.has("municipios"));
  const editable = useMemo(
    () => new Set<ActionField>(action ? editableFields(action.status) : editableFields("planned")),
    [action],
  );
  const locked = (field: FieldName) => !editable.has(DOMAIN_FIELD[field]);

  const save = useActionChange(
    async (body: CreateSupportActionRequest | UpdateSupportActionRequest) =>
      action
        ? api.supportActions.update(action.id, body as UpdateSupportActionRequest)
        : api.supportActions.create(body as CreateSupportActionRequest),
  );

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((current) => ({ ...current, [key]: value }));

  function validate(): Problems {
    const duration = Number(form.durationMinutes);
    const found: Problems = {
      title:
        form.title.trim().length < 3 ? "Escriba un título (al menos 3 caracteres)." : undefined,
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

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate();
    setProblems(found);
    const first = FIELDS.find((field) => found[field]);
    if (first) {
      document.getElementById(`campo-${first}`)?.focus();
      return;
    }
    const venue = {
      place: form.modality === "virtual" ? null : form.place.trim(),
      link: form.modality === "in_person" ? null : form.link.trim(),
    };
    const full: CreateSupportActionRequest = {
      type: form.type,
      title: form.title.trim(),
      description: form.description.trim(),
      date: form.date,
      time: form.time,
      durationMinutes: Number(form.durationMinutes),
      modality: form.modality,
      ...venue,
      facilitatorIds: form.facilitatorIds,
      tools: form.tools,
      invited: form.invited,
    };
    const onSuccess = (saved: SupportActionDetail) =>
      void navigate(`/acompanamiento/acciones/${saved.id}`);
    if (!action) {
      save.mutate(full, { onSuccess });
      return;
    }
    // Only what the status lets change is sent; the server checks it again.
    const changes: UpdateSupportActionRequest = { expectedRevision: baseRevision };
    for (const field of FIELDS) {
      if (!locked(field)) {
        Object.assign(changes, { [field]: full[field] });
      }
    }
    save.mutate(changes, { onSuccess });
  }

  const apiError = isApiError(save.error) ? save.error : null;
  const fieldError = (field: FieldName) => problems[field] ?? apiError?.fieldMessage(field);
  const tools = (model.data?.dimensions ?? []).flatMap((dimension) =>
    dimension.tools.map((tool) => ({
      value: tool.code,
      label: (
        <>
          <span className="mono">{tool.code}</span> {tool.name}
        </>
      ),
      hint: dimension.name,
    })),
  );
  const title = action ? `Editar: ${action.title}` : "Nueva acción de acompañamiento";
  return (
    <div className="stack stack--large">
      <PageHeader
        title={title}
        description={
          action ? (
            <p>
              <Link to={`/acompanamiento/acciones/${action.id}`}>Volver a la acción</Link>
            </p>
          ) : (
            <p>
              Fecha y hora en horario de la Ciudad de México. Los municipios invitados verán la
              acción en su sección de acompañamiento.
            </p>
          )
        }
      />
      {fromSuggestion ? (
        <Alert tone="info" title="Prellenada desde las sugerencias">
          <p>Revise las herramientas y los municipios invitados, y complete la fecha y el lugar.</p>
        </Alert>
      ) : null}
      {action && action.status !== "planned" ? (
        <Alert tone="info">
          <p>
            {action.status === "held"
              ? "La acción ya se realizó: solo se corrigen el título, la descripción, la duración y las personas facilitadoras."
              : "La acción está cancelada: reprográmela desde su página para editarla."}
          </p>
        </Alert>
      ) : null}
      <form
        className="stack stack--large support-form"
        onSubmit={submit}
        noValidate
        aria-label={title}
      >
        <FormError error={save.error} fields={FIELDS} />
        {apiError?.code === "conflict" && action ? (
          <p>
            <Link to={`/acompanamiento/acciones/${action.id}`} reloadDocument>
              Recargar la acción
            </Link>
          </p>
        ) : null}
        <fieldset className="fieldset stack">
          <legend>La acción</legend>
          <div className="form-grid">
            <Field label="Tipo" required id="campo-type" error={fieldError("type")}>
              {(control) => (
                <select
                  {...control}
                  className="input"
                  value={form.type}
                  disabled={locked("type")}
                  onChange={(event) => set("type", event.target.value as SupportActionType)}
                >
                  {SUPPORT_ACTION_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {SUPPORT_ACTION_TYPE_LABELS[type]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Título" required id="campo-title" error={fieldError("title")}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  maxLength={200}
                  value={form.title}
                  disabled={locked("title")}
                  onChange={(event) => set("title", event.target.value)}
                />
              )}
            </Field>
          </div>
          <Field
            label="Descripción"
            hint="Objetivo, temario o materiales."
            id="campo-description"
            error={fieldError("description")}
          >
            {(control) => (
              <textarea
                {...control}
                className="input"
                rows={4}
                maxLength={4000}
                value={form.description}
                disabled={locked("description")}
                onChange={(event) => set("description", event.target.value)}
              />
            )}
          </Field>
        </fieldset>
        <fieldset className="fieldset stack">
          <legend>Cuándo y dónde</legend>
          <div className="form-grid form-grid--3">
            <Field label="Fecha" required id="campo-date" error={fieldError("date")}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="date"
                  value={form.date}
                  disabled={locked("date")}
                  onChange={(event) => set("date", event.target.value)}
                />
              )}
            </Field>
            <Field
              label="Hora"
              hint="Ciudad de México."
              required
              id="campo-time"
              error={fieldError("time")}
            >
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="time"
                  value={form.time}
                  disabled={locked("time")}
                  onChange={(event) => set("time", event.target.value)}
                />
              )}
            </Field>
            <Field
              label="Duración (minutos)"
              required
              id="campo-durationMinutes"
              error={fieldError("durationMinutes")}
            >
              {(control) => (
                <input
                  {...control}
                  className="input input--number"
                  type="number"
                  inputMode="numeric"
                  min={MIN_DURATION_MINUTES}
                  max={MAX_DURATION_MINUTES}
                  step={15}
                  value={form.durationMinutes}
                  disabled={locked("durationMinutes")}
                  onChange={(event) => set("durationMinutes", event.target.value)}
                />
              )}
            </Field>
          </div>
          <fieldset className="fieldset" disabled={locked("modality")}>
            <legend>Modalidad</legend>
            <div className="choice-row">
              {MODALITIES.map((modality) => (
                <label className="choice" key={modality}>
                  <input
                    type="radio"
                    name="modalidad"
                    value={modality}
                    checked={form.modality === modality}
                    onChange={() => set("modality", modality)}
                  />
                  <span>{MODALITY_LABELS[modality]}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="form-grid">
            {form.modality !== "virtual" ? (
              <Field label="Lugar" required id="campo-place" error={fieldError("place")}>
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    maxLength={500}
                    value={form.place}
                    disabled={locked("place")}
                    onChange={(event) => set("place", event.target.value)}
                  />
                )}
              </Field>
            ) : null}
            {form.modality !== "in_person" ? (
              <Field
                label="Enlace de la reunión"
                hint="Dirección completa, p. ej. https://…"
                required
                id="campo-link"
                error={fieldError("link")}
              >
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    type="url"
                    inputMode="url"
                    maxLength={1000}
                    value={form.link}
                    disabled={locked("link")}
                    onChange={(event) => set("link", event.target.value)}
                  />
                )}
              </Field>
            ) : null}
          </div>
        </fieldset>
        <div id="campo-facilitatorIds" tabIndex={-1}>
          {staff.isPending ? <Loading label="Cargando el personal…" /> : null}
          <ErrorAlert error={staff.error} />
          <CheckboxGroup
            name="facilitadores"
            legend="Personas facilitadoras"
            hint="Personal del órgano garante."
            required
            error={fieldError("facilitatorIds")}
            disabled={locked("facilitatorIds")}
            value={form.facilitatorIds}
            onChange={(value) => set("facilitatorIds", value)}
            options={(staff.data ?? []).map((person) => ({
              value: person.id,
              label: person.name,
              hint: person.email,
            }))}
          />
        </div>
        <div id="campo-tools" tabIndex={-1}>
          <CheckboxGroup
            name="herramientas"
            legend="Herramientas que se atienden"
            required
            error={fieldError("tools")}
            disabled={locked("tools")}
            value={form.tools}
            onChange={(value) => set("tools", value)}
            options={tools}
          />
        </div>
        <div id="campo-invited" tabIndex={-1}>
          {agreements.isPending ? <Loading label="Cargando municipios participantes…" /> : null}
          <ErrorAlert error={agreements.error} />
          <MunicipalityChecklist
            agreements={agreements.data ?? []}
            value={form.invited}
            onChange={(value) => set("invited", value)}
            error={fieldError("invited")}
            disabled={locked("invited")}
          />
        </div>
        <div className="button-row button-row--end">
          <Link
            to={action ? `/acompanamiento/acciones/${action.id}` : "/acompanamiento"}
            className="button button--secondary"
          >
            Cancelar
          </Link>
          <Button type="submit" variant="primary" busy={save.isPending} busyLabel="Guardando…">
            {action ? "Guardar cambios" : "Programar acción"}
          </Button>
        </div>
      </form>
    </div>
  );
}
