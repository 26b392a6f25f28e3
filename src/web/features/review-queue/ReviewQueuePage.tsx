import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { QUEUE_SCOPE_LABELS, QUEUE_SCOPES } from "../../../domain/portfolios.js";
import { api } from "../../api/client";
import { useFreshQuery } from "../../api/fresh-reads";
import { FormError } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { formatDateTime, formatLocalDate, plural } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { QueryResults } from "../../ui/QueryResults";
import { codedOptions, SelectField } from "../../ui/SelectField";
import { Table } from "../../ui/Table";
import { numeric } from "../../ui/TableHead";
import { useSearchFilters } from "../../ui/useUrlFilters";
import { useAgreements } from "../agreements/queries";
import { useCurrentUser } from "../auth/session";
import { usePublishedModel } from "../model/queries";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";
import { toolTitle } from "../tools/labels";
import { effectiveScope, readReviewQueueFilters, scopeParam } from "./filters";

/** What waits for a reviewer's decision, oldest first. */
export function ReviewQueuePage() {
  const { filters: read, update } = useSearchFilters(readReviewQueueFilters);
  const role = useCurrentUser()?.role;
  const filters = { ...read, scope: effectiveScope(read.scope, role) };
  const queue = useFreshQuery(["review-queue", filters], () => api.reviewQueue.list(filters), {
    placeholderData: keepPreviousData,
  });
  const model = usePublishedModel().data;
  const cohorts = [...new Set((useAgreements().data ?? []).map((a) => a.cohort))].sort();
  const tools = (model?.dimensions ?? [])
    .filter((dimension) => !filters.dimension || dimension.code === filters.dimension)
    .flatMap((dimension) => dimension.tools);

  return (
    <>
      <PageHeader
        title="Revisión"
        description={
          <p>
            Herramientas enviadas que esperan decisión, de la más antigua a la más reciente. Las
            solicitudes de más tiempo están en <Link to="/prorrogas">Solicitudes de prórroga</Link>.
          </p>
        }
      />
      <fieldset className="segmented" aria-label="Municipios de la cola">
        <legend className="visually-hidden">Municipios de la cola</legend>
        {QUEUE_SCOPES.map((scope) => (
          <Button
            key={scope}
            variant={filters.scope === scope ? "primary" : "secondary"}
            size="small"
            aria-pressed={filters.scope === scope}
            onClick={() => update({ alcance: scopeParam(scope) })}
          >
            {QUEUE_SCOPE_LABELS[scope]}
          </Button>
        ))}
      </fieldset>
      {role === "reviewer" ? <UnassignedOptIn /> : null}
      <search className="toolbar filters" aria-label="Filtrar la cola de revisión">
        <MunicipalityPicker
          value={filters.municipality ?? null}
          onChange={(v) => update({ municipio: v })}
        />
        <SelectField
          label="Dimensión"
          value={filters.dimension ?? ""}
          onChange={(value) => update({ dimension: value, herramienta: null })}
          blank="Todas"
          options={codedOptions(model?.dimensions ?? [])}
        />
        <SelectField
          label="Herramienta"
          value={filters.tool ?? ""}
          onChange={(value) => update({ herramienta: value })}
          blank="Todas"
          options={codedOptions(tools)}
        />
        <SelectField
          label="Cohorte"
          value={filters.cohort ?? ""}
          onChange={(value) => update({ cohorte: value })}
          blank="Todas"
          options={cohorts.map((cohort) => ({ value: cohort, label: cohort }))}
        />
      </search>
      <QueryResults query={queue} loadingLabel="Cargando la cola de revisión…">
        {(data) => (
          <>
            <p className="result-count" role="status">
              {plural(data.length, "herramienta en espera", "herramientas en espera")}
            </p>
            {data.length === 0 ? (
              <p className="empty">
                {filters.scope === "mine"
                  ? "No hay herramientas en espera de sus municipios asignados ni de municipios sin revisor asignado. Vea «Todos» para la cola completa."
                  : "No hay herramientas en espera de revisión."}
              </p>
            ) : (
              <Table
                caption="Cola de revisión"
                className="table--stack"
                columns={[
                  "Municipio",
                  "Herramienta",
                  "Enviada",
                  numeric("Días en espera"),
                  "Plazo",
                ]}
              >
                {data.map((item) => (
                  <tr
                    key={item.instanceId}
                    data-queue-item={`${item.municipality.cvegeo}-${item.tool}`}
                  >
                    <td data-label="Municipio">
                      {item.municipality.name}
                      <span className="cell-subtitle">{item.cohort}</span>
                    </td>
                    <th scope="row" data-label="Herramienta">
                      <Link to={`/herramientas/${item.instanceId}`}>
                        <span className="mono">{item.tool}</span> {toolTitle(item)}
                      </Link>
                      {item.cycle > 1 ? (
                        <span className="cell-subtitle">Ciclo {item.cycle}</span>
                      ) : null}
                      {item.resubmission ? (
                        <span className="cell-subtitle">
                          <Badge tone="warning">Reenvío</Badge>
                        </span>
                      ) : null}
                    </th>
                    <td data-label="Enviada">{formatDateTime(item.submittedAt)}</td>
                    <td data-label="Días en espera" className="numeric">
                      {item.daysWaiting}
                    </td>
                    <td data-label="Plazo">
                      {item.deadline ? formatLocalDate(item.deadline) : "Sin plazo"}
                    </td>
                  </tr>
                ))}
              </Table>
            )}
          </>
        )}
      </QueryResults>
    </>
  );
}

/** A reviewer's choice: told of submissions of municipalities outside their portfolio too. */
function UnassignedOptIn() {
  const queryClient = useQueryClient();
  const mine = useQuery({ queryKey: ["reviewer-portfolio", "me"], queryFn: api.portfolios.mine });
  const change = useMutation({
    mutationFn: api.portfolios.setPreference,
    onSuccess: (data) => queryClient.setQueryData(["reviewer-portfolio", "me"], data),
  });
  if (!mine.data) {
    return null;
  }
  return (
    <div className="stack">
      <p className="small">
        {mine.data.municipalities.length === 0
          ? "No tiene municipios asignados: «Mis municipios» muestra los municipios que nadie tiene asignados."
          : `Sus municipios: ${mine.data.municipalities.map((m) => m.name).join(", ")}. «Mis municipios» también muestra los que nadie tiene asignados.`}
      </p>
      <label className="choice">
        <input
          type="checkbox"
          checked={mine.data.notifyUnassigned}
          disabled={change.isPending}
          onChange={(event) => change.mutate(event.target.checked)}
        />
        Avisarme también de los envíos de municipios que no tengo asignados
      </label>
      <FormError error={change.error} fields={[]} />
    </div>
  );
}
