import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { api, type ReviewQueueFilters } from "../../api/client";
import { ErrorAlert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Field } from "../../ui/Field";
import { formatDateTime, formatLocalDate, plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { useAgreements } from "../agreements/queries";
import { usePublishedModel } from "../model/queries";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";
import { toolTitle } from "../tools/labels";

function readFilters(search: URLSearchParams): ReviewQueueFilters {
  return {
    municipality: search.get("municipio") ?? undefined,
    tool: search.get("herramienta") ?? undefined,
    dimension: search.get("dimension") ?? undefined,
    cohort: search.get("cohorte") ?? undefined,
  };
}

/** What waits for a reviewer's decision, oldest first. */
export function ReviewQueuePage() {
  const [search, setSearch] = useSearchParams();
  const filters = readFilters(search);
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

  function update(key: string, value: string | null | undefined) {
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) {
          next.set(key, value);
        } else {
          next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  }

  return (
    <>
      <PageHeader
        title="Revisión"
        description={
          <p>Herramientas enviadas que esperan decisión, de la más antigua a la más reciente.</p>
        }
      />
      <search className="toolbar filters" aria-label="Filtrar la cola de revisión">
        <MunicipalityPicker
          value={filters.municipality ?? null}
          onChange={(v) => update("municipio", v)}
        />
        <Field label="Dimensión">
          {(control) => (
            <select
              {...control}
              className="input"
              value={filters.dimension ?? ""}
              onChange={(event) => {
                update("dimension", event.target.value);
                update("herramienta", null);
              }}
            >
              <option value="">Todas</option>
              {(model?.dimensions ?? []).map((dimension) => (
                <option key={dimension.code} value={dimension.code}>
                  {dimension.code} · {dimension.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Herramienta">
          {(control) => (
            <select
              {...control}
              className="input"
              value={filters.tool ?? ""}
              onChange={(event) => update("herramienta", event.target.value)}
            >
              <option value="">Todas</option>
              {tools.map((tool) => (
                <option key={tool.code} value={tool.code}>
                  {tool.code} · {tool.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Cohorte">
          {(control) => (
            <select
              {...control}
              className="input"
              value={filters.cohort ?? ""}
              onChange={(event) => update("cohorte", event.target.value)}
            >
              <option value="">Todas</option>
              {cohorts.map((cohort) => (
                <option key={cohort} value={cohort}>
                  {cohort}
                </option>
              ))}
            </select>
          )}
        </Field>
      </search>
      {queue.isPending ? <Loading label="Cargando la cola de revisión…" /> : null}
      <ErrorAlert error={queue.error} />
      {queue.data ? (
        <div className={queue.isPlaceholderData ? "is-refreshing" : undefined}>
          <p className="result-count" role="status">
            {plural(queue.data.length, "herramienta en espera", "herramientas en espera")}
          </p>
          {queue.data.length === 0 ? (
            <p className="empty">No hay herramientas en espera de revisión.</p>
          ) : (
            <div className="table-wrap">
              <table className="table table--stack">
                <caption className="visually-hidden">Cola de revisión</caption>
                <thead>
                  <tr>
                    <th scope="col">Municipio</th>
                    <th scope="col">Herramienta</th>
                    <th scope="col">Enviada</th>
                    <th scope="col" className="numeric">
                      Días en espera
                    </th>
                    <th scope="col">Plazo</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.data.map((item) => (
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
                </tbody>
              </table>
            </div>
          )}
        </div>
      ) : null}
    </>
  );
}
