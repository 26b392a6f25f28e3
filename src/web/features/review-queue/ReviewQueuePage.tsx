import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../api/client";
import { Badge } from "../../ui/Badge";
import { formatDateTime, formatLocalDate, plural } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { QueryResults } from "../../ui/QueryResults";
import { SelectField } from "../../ui/SelectField";
import { Table } from "../../ui/Table";
import { numeric } from "../../ui/TableHead";
import { useSearchFilters } from "../../ui/useUrlFilters";
import { useAgreements } from "../agreements/queries";
import { usePublishedModel } from "../model/queries";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";
import { toolTitle } from "../tools/labels";
import { readReviewQueueFilters } from "./filters";

/** What waits for a reviewer's decision, oldest first. */
export function ReviewQueuePage() {
  const { filters, update } = useSearchFilters(readReviewQueueFilters);
  const queue = useQuery({
    queryKey: ["review-queue", filters],
    queryFn: () => api.reviewQueue.list(filters),
    placeholderData: keepPreviousData,
    staleTime: 0,
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
          options={(model?.dimensions ?? []).map((dimension) => ({
            value: dimension.code,
            label: `${dimension.code} · ${dimension.name}`,
          }))}
        />
        <SelectField
          label="Herramienta"
          value={filters.tool ?? ""}
          onChange={(value) => update({ herramienta: value })}
          blank="Todas"
          options={tools.map((tool) => ({
            value: tool.code,
            label: `${tool.code} · ${tool.name}`,
          }))}
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
              <p className="empty">No hay herramientas en espera de revisión.</p>
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
