import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import type { ImprovementAction, ImprovementPlan } from "../../../contracts/improvement-plans.js";
import { isLocalDate } from "../../../domain/dates.js";
import {
  IMPROVEMENT_ACTION_STATUS_LABELS,
  IMPROVEMENT_ACTION_STATUSES,
  IMPROVEMENT_TARGET_KINDS,
  IMPROVEMENT_TARGET_LABELS,
  type ImprovementActionStatus,
  type ImprovementTargetKind,
} from "../../../domain/improvement-plans.js";
import { isMunicipalRole } from "../../../domain/roles.js";
import { api } from "../../api/client";
import { ErrorAlert, FormError, Notice } from "../../ui/Alert";
import { MutationButton } from "../../ui/Button";
import { SubmitRow } from "../../ui/FormActions";
import { formatLocalDate } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { ProgressBar } from "../../ui/ProgressBar";
import { labelledOptions, SelectField } from "../../ui/SelectField";
import { Table } from "../../ui/Table";
import { numeric } from "../../ui/TableHead";
import { TextAreaField, TextField } from "../../ui/TextField";
import { useCurrentUser } from "../auth/session";
import {
  useCreateAction,
  useImprovementOverview,
  useImprovementPlan,
  useProposeActions,
  useUpdateAction,
} from "./planQueries";

/** «/municipios/:cvegeo/plan-de-mejora»: the municipality's improvement plan (M4). */
export function ImprovementPlanPage() {
  const { cvegeo = "" } = useParams();
  const user = useCurrentUser();
  const plan = useImprovementPlan(cvegeo);
  const propose = useProposeActions(cvegeo);
  const writer = user ? isMunicipalRole(user.role) : false;
  const name = plan.data?.municipality.name ?? cvegeo;
  return (
    <div className="stack stack--large">
      <PageHeader
        title={`Plan de mejora: ${name}`}
        description={
          <p>
            Las acciones que el municipio se compromete a realizar para cerrar sus brechas y atender
            observaciones y hallazgos, con su responsable, fecha compromiso y evidencia de
            cumplimiento. El plan se imprime para su aprobación formal; la copia firmada se sube
            como evidencia de la herramienta M4.
          </p>
        }
        actions={
          <a
            href={api.improvementPlans.pdfUrl(cvegeo)}
            className="button button--secondary"
            download
          >
            Descargar el plan (PDF)
          </a>
        }
      />
      {plan.isPending ? <Loading label="Cargando el plan…" /> : null}
      <ErrorAlert error={plan.error} />
      {plan.data ? (
        <>
          <PlanSummary plan={plan.data} />
          {writer && plan.data.proposals.length > 0 ? (
            <section className="card stack" aria-labelledby="propuestas-titulo">
              <h2 id="propuestas-titulo">Brechas sin acción</h2>
              <p>{plan.data.proposals.map((p) => `${p.toolCode} ${p.toolName}`).join(" · ")}</p>
              <div className="button-row">
                <MutationButton variant="primary" mutation={propose} busyLabel="Proponiendo…">
                  Proponer {plan.data.proposals.length} acciones desde las brechas
                </MutationButton>
              </div>
              <FormError error={propose.error} />
            </section>
          ) : null}
          {propose.data ? (
            <p role="status">Se agregaron {propose.data.created} acciones al plan.</p>
          ) : null}
          <ActionsList plan={plan.data} writer={writer} />
          {writer && plan.data.participating ? <NewActionForm plan={plan.data} /> : null}
        </>
      ) : null}
    </div>
  );
}

function PlanSummary({ plan }: { plan: ImprovementPlan }) {
  const { progress } = plan;
  if (progress.total === 0) {
    return <p className="muted">El plan aún no tiene acciones.</p>;
  }
  return (
    <div className="stack">
      <ProgressBar value={(progress.percent ?? 0) / 100} label="Avance del plan de mejora" />
      <p>
        {progress.done} de {progress.total} acciones cumplidas · {progress.open} abiertas ·{" "}
        <strong>{progress.overdue} vencidas</strong>
      </p>
    </div>
  );
}

function targetText(action: ImprovementAction): string {
  return [
    IMPROVEMENT_TARGET_LABELS[action.targetKind],
    action.toolCode ? `${action.toolCode}${action.toolName ? ` ${action.toolName}` : ""}` : null,
    action.observation ? `«${action.observation.text}»` : null,
    action.finding,
  ]
    .filter(Boolean)
    .join(": ");
}

function ActionsList({ plan, writer }: { plan: ImprovementPlan; writer: boolean }) {
  if (plan.actions.length === 0) {
    return null;
  }
  return (
    <section className="stack" aria-labelledby="acciones-titulo">
      <h2 id="acciones-titulo">Acciones</h2>
      <ol className="stack">
        {plan.actions.map((action) => (
          <li key={action.id} className="card stack">
            <h3>{action.description}</h3>
            <p className="small">
              {targetText(action)} · Responsable: {action.owner} · Fecha compromiso:{" "}
              {formatLocalDate(action.dueOn)} ·{" "}
              <strong>
                {IMPROVEMENT_ACTION_STATUS_LABELS[action.status]}
                {action.overdue ? " (vencida)" : ""}
              </strong>
            </p>
            {action.completionNote ? <p>Evidencia: {action.completionNote}</p> : null}
            {action.completionDocument ? (
              <p>
                <a href={api.improvementPlans.evidenceUrl(action.id)} download>
                  {action.completionDocument.fileName}
                </a>
              </p>
            ) : null}
            {writer ? <FollowUp cvegeo={plan.municipality.cvegeo} action={action} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The status and the evidence of completion of one action. */
function FollowUp({ cvegeo, action }: { cvegeo: string; action: ImprovementAction }) {
  const update = useUpdateAction(cvegeo, action.id);
  const [status, setStatus] = useState<ImprovementActionStatus>(action.status);
  const [note, setNote] = useState(action.completionNote ?? "");
  const [problem, setProblem] = useState<string | undefined>();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (status === "done" && !note.trim()) {
      setProblem("Para darla por cumplida, describa la evidencia de su cumplimiento.");
      return;
    }
    setProblem(undefined);
    update.mutate({
      description: action.description,
      targetKind: action.targetKind,
      toolCode: action.toolCode,
      observationId: action.observation?.id ?? null,
      finding: action.finding,
      owner: action.owner,
      dueOn: action.dueOn,
      status,
      completionNote: note || null,
      expectedRevision: action.revision,
    });
  }
  return (
    <form
      className="form-grid"
      onSubmit={submit}
      noValidate
      aria-label={`Seguimiento de «${action.description}»`}
    >
      <SelectField
        label="Estado"
        value={status}
        onChange={(value) => setStatus(value as ImprovementActionStatus)}
        options={labelledOptions(IMPROVEMENT_ACTION_STATUSES, IMPROVEMENT_ACTION_STATUS_LABELS)}
      />
      <TextAreaField
        label="Evidencia de cumplimiento"
        hint="Qué se hizo y dónde consta."
        rows={2}
        value={note}
        onChange={setNote}
        error={problem}
        maxLength={2000}
      />
      <FormError error={update.error} />
      <SubmitRow variant="secondary" busy={update.isPending} busyLabel="Guardando…">
        Guardar seguimiento
      </SubmitRow>
    </form>
  );
}

function NewActionForm({ plan }: { plan: ImprovementPlan }) {
  const create = useCreateAction(plan.municipality.cvegeo);
  const [kind, setKind] = useState<ImprovementTargetKind>("tool_gap");
  const [description, setDescription] = useState("");
  const [toolCode, setToolCode] = useState("");
  const [observationId, setObservationId] = useState("");
  const [finding, setFinding] = useState("");
  const [owner, setOwner] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing =
      description.trim().length < 3
        ? "Describa la acción."
        : !owner.trim()
          ? "Indique la persona o el área responsable."
          : !isLocalDate(dueOn)
            ? "Indique la fecha compromiso."
            : kind === "tool_gap" && !toolCode
              ? "Elija la herramienta."
              : kind === "observation" && !observationId
                ? "Elija la observación."
                : (kind === "survey_finding" || kind === "indicator_finding") && !finding.trim()
                  ? "Describa el hallazgo."
                  : null;
    setProblem(missing);
    if (missing || create.isPending) {
      return;
    }
    create.mutate(
      {
        description,
        targetKind: kind,
        toolCode:
          kind === "observation"
            ? (plan.observations.find((o) => o.id === observationId)?.toolCode ?? null)
            : toolCode || null,
        observationId: kind === "observation" ? observationId : null,
        finding: kind === "survey_finding" || kind === "indicator_finding" ? finding : null,
        owner,
        dueOn,
      },
      {
        onSuccess: () => {
          setDescription("");
          setFinding("");
        },
      },
    );
  }
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="nueva-accion-titulo">
      <h2 id="nueva-accion-titulo">Nueva acción</h2>
      <TextAreaField
        label="Acción"
        required
        rows={2}
        value={description}
        onChange={setDescription}
        maxLength={2000}
      />
      <div className="form-grid">
        <SelectField
          label="Qué mejora"
          value={kind}
          onChange={(value) => setKind(value as ImprovementTargetKind)}
          options={labelledOptions(IMPROVEMENT_TARGET_KINDS, IMPROVEMENT_TARGET_LABELS)}
        />
        {kind === "tool_gap" ? (
          <SelectField
            label="Herramienta"
            value={toolCode}
            onChange={setToolCode}
            blank="Elija…"
            options={plan.tools.map((t) => ({ value: t.code, label: `${t.code} ${t.name}` }))}
          />
        ) : null}
        {kind === "observation" ? (
          <SelectField
            label="Observación"
            value={observationId}
            onChange={setObservationId}
            blank={plan.observations.length === 0 ? "Sin observaciones" : "Elija…"}
            options={plan.observations.map((o) => ({
              value: o.id,
              label: `${o.toolCode}: ${o.text}`,
            }))}
          />
        ) : null}
        {kind === "survey_finding" || kind === "indicator_finding" ? (
          <TextField label="Hallazgo" value={finding} onChange={setFinding} maxLength={2000} />
        ) : null}
        <TextField label="Responsable" required value={owner} onChange={setOwner} maxLength={200} />
        <TextField
          label="Fecha compromiso"
          type="date"
          required
          value={dueOn}
          onChange={setDueOn}
        />
      </div>
      <Notice tone="error" message={problem} />
      <FormError error={create.error} />
      <SubmitRow busy={create.isPending} busyLabel="Guardando…">
        Agregar acción
      </SubmitRow>
    </form>
  );
}

/** Staff, beside the gap matrix: every municipality's plan and the overdue actions. */
export function ImprovementOverviewSection() {
  const overview = useImprovementOverview();
  return (
    <section className="stack" aria-labelledby="planes-mejora-titulo">
      <h2 id="planes-mejora-titulo">Planes de mejora</h2>
      {overview.isPending ? <Loading label="Cargando planes de mejora…" /> : null}
      <ErrorAlert error={overview.error} />
      {overview.data && overview.data.plans.length === 0 ? (
        <p className="muted">Ningún municipio ha registrado su plan de mejora.</p>
      ) : null}
      {overview.data && overview.data.plans.length > 0 ? (
        <Table
          caption="Avance del plan de cada municipio"
          showCaption
          className="table--compact"
          columns={["Municipio", numeric("Cumplidas"), numeric("Vencidas"), numeric("Avance")]}
        >
          {overview.data.plans.map(({ municipality, progress }) => (
            <tr key={municipality.cvegeo}>
              <th scope="row">
                <Link to={`/municipios/${municipality.cvegeo}/plan-de-mejora`}>
                  {municipality.name}
                </Link>
              </th>
              <td className="numeric">
                {progress.done} de {progress.total}
              </td>
              <td className="numeric">{progress.overdue}</td>
              <td className="numeric">
                {progress.percent === null ? "—" : `${progress.percent} %`}
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
      {overview.data && overview.data.overdue.length > 0 ? (
        <Table
          caption="Acciones de mejora vencidas"
          showCaption
          className="table--compact"
          columns={[
            "Municipio",
            "Acción",
            "Responsable",
            "Fecha compromiso",
            numeric("Días de atraso"),
          ]}
        >
          {overview.data.overdue.map((action) => (
            <tr key={action.id}>
              <th scope="row">{action.municipality.name}</th>
              <td>{action.description}</td>
              <td>{action.owner}</td>
              <td>{formatLocalDate(action.dueOn)}</td>
              <td className="numeric">{action.daysOverdue}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </section>
  );
}
