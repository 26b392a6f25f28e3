import { type FormEvent, useMemo, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type {
  CreateSupportActionRequest,
  SupportActionDetail,
  UpdateSupportActionRequest,
} from "../../../contracts/support.js";
import { isLocalDate } from "../../../domain/dates.js";
import {
  MODALITIES,
  SUPPORT_ACTION_TYPES,
  type SupportActionType,
} from "../../../domain/support.js";
import {
  type ActionField,
  editableFields,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  pastPlannedDateWarning,
} from "../../../domain/support-actions.js";
import { api, isApiError } from "../../api/client";
import { Alert, ErrorAlert, FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { todayLocalDate } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { RadioChoice } from "../../ui/RadioChoice";
import { labelledOptions, SelectField } from "../../ui/SelectField";
import { TextAreaField, TextField } from "../../ui/TextField";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { useAgreements } from "../agreements/queries";
import { useCurrentUser } from "../auth/session";
import { usePublishedModel } from "../model/queries";
import {
  DOMAIN_FIELD,
  FIELDS,
  type FieldName,
  type FormState,
  initialState,
  type TextFieldName,
  validate,
} from "./actionForm";
import { CheckboxGroup } from "./CheckboxGroup";
import { MODALITY_LABELS, SUPPORT_ACTION_TYPE_LABELS } from "./labels";
import { MunicipalityChecklist } from "./MunicipalityChecklist";
import { useActionChange, useStaff, useSupportAction } from "./queries";
import "./support.css";

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
  // The revision the editor started from: if someone saves in between, the server answers 409.
  const [baseRevision] = useState(action?.revision ?? 0);
  const fromSuggestion = !action && (search.has("herramientas") || search.has("municipios"));
  const editable = useMemo(
    () => new Set<ActionField>(action ? editableFields(action.status) : editableFields("planned")),
    [action],
  );
  const locked = (field: FieldName) => !editable.has(DOMAIN_FIELD[field]);
  // Saved anyway (a past action may be recorded), but said: it stays «Programada» until marked.
  const planned = !action || action.status === "planned";
  const pastWarning =
    planned && isLocalDate(form.date) ? pastPlannedDateWarning(form.date, todayLocalDate()) : null;

  const save = useActionChange(
    async (body: CreateSupportActionRequest | UpdateSupportActionRequest) =>
      action
        ? api.supportActions.update(action.id, body as UpdateSupportActionRequest)
        : api.supportActions.create(body as CreateSupportActionRequest),
  );

  const { check, fieldError } = useFieldProblems(FIELDS, save.error, form);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((current) => ({ ...current, [key]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate(form);
    check(found);
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
  /** The props every text field of the form takes from its name. */
  const bind = (field: TextFieldName) => ({
    id: `campo-${field}`,
    error: fieldError(field),
    value: form[field],
    disabled: locked(field),
    onChange: (value: string) => set(field, value),
  });
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
            <SelectField
              label="Tipo"
              required
              id="campo-type"
              error={fieldError("type")}
              value={form.type}
              disabled={locked("type")}
              onChange={(value) => set("type", value as SupportActionType)}
              options={labelledOptions(SUPPORT_ACTION_TYPES, SUPPORT_ACTION_TYPE_LABELS)}
            />
            <TextField label="Título" required maxLength={200} {...bind("title")} />
          </div>
          <TextAreaField
            label="Descripción"
            hint="Objetivo, temario o materiales."
            rows={4}
            maxLength={4000}
            {...bind("description")}
          />
        </fieldset>
        <fieldset className="fieldset stack">
          <legend>Cuándo y dónde</legend>
          <div className="form-grid form-grid--3">
            <TextField label="Fecha" required type="date" {...bind("date")} />
            <TextField
              label="Hora"
              hint="Ciudad de México."
              required
              type="time"
              {...bind("time")}
            />
            <TextField
              label="Duración (minutos)"
              required
              className="input input--number"
              type="number"
              inputMode="numeric"
              min={MIN_DURATION_MINUTES}
              max={MAX_DURATION_MINUTES}
              step={15}
              {...bind("durationMinutes")}
            />
          </div>
          {pastWarning ? (
            <p className="note note--warning" data-testid="past-date-warning">
              {pastWarning}
            </p>
          ) : null}
          <fieldset className="fieldset" disabled={locked("modality")}>
            <legend>Modalidad</legend>
            <div className="choice-row">
              {MODALITIES.map((modality) => (
                <RadioChoice
                  key={modality}
                  name="modalidad"
                  value={modality}
                  checked={form.modality === modality}
                  onSelect={() => set("modality", modality)}
                >
                  <span>{MODALITY_LABELS[modality]}</span>
                </RadioChoice>
              ))}
            </div>
          </fieldset>
          <div className="form-grid">
            {form.modality !== "virtual" ? (
              <TextField label="Lugar" required maxLength={500} {...bind("place")} />
            ) : null}
            {form.modality !== "in_person" ? (
              <TextField
                label="Enlace de la reunión"
                hint="Dirección completa, p. ej. https://…"
                required
                type="url"
                inputMode="url"
                maxLength={1000}
                {...bind("link")}
              />
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
            showAll
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
