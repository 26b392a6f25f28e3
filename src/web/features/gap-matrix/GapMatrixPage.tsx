import { keepPreviousData } from "@tanstack/react-query";
import { TOOL_STATE_LABELS, TOOL_STATES } from "../../../domain/tool-state.js";
import { api, type GapMatrixParams } from "../../api/client";
import { useFreshQuery } from "../../api/fresh-reads";
import { ErrorAlert } from "../../ui/Alert";
import { type FilterSelect, FilterSelects } from "../../ui/FilterSelects";
import { formatLocalDate, formatNumber, plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { codedOptions, labelledOptions, SelectField } from "../../ui/SelectField";
import { useSearchFilters } from "../../ui/useUrlFilters";
import { GapMatrixTable, SHORT_STATE_LABELS } from "./GapMatrixTable";
import { orderOf, readParams } from "./params";
import "./gap-matrix.css";
import { ImprovementOverviewSection } from "../plans/ImprovementPlanPage";

const STATE_OPTIONS = labelledOptions(TOOL_STATES, TOOL_STATE_LABELS);

const OVERDUE_OPTIONS = [
  { value: "si", label: "Solo con herramientas vencidas" },
  { value: "no", label: "Solo sin herramientas vencidas" },
];

const SORT_OPTIONS = [
  { value: "name", label: "Municipio (A→Z)" },
  { value: "gaps", label: "Número de brechas (más primero)" },
  { value: "overdue", label: "Número de vencidas (más primero)" },
  { value: "index", label: "Índice de implementación (más bajo primero)" },
];

/** Staff: every participating municipality × every tool, to see where support is needed. */
export function GapMatrixPage() {
  const { filters: params, update } = useSearchFilters(readParams);
  const matrix = useFreshQuery(["gap-matrix", params], () => api.gapMatrix.get(params), {
    placeholderData: keepPreviousData,
  });
  const data = matrix.data;
  const sort = params.sort ?? "name";
  const cohorts = (data?.cohorts ?? []).map((cohort) => ({ value: cohort, label: cohort }));
  const selects: FilterSelect<GapMatrixParams>[] = [
    { label: "Cohorte", param: "cohorte", field: "cohort", blank: "Todas", options: cohorts },
    {
      label: "Dimensión",
      param: "dimension",
      field: "dimension",
      blank: "Todas",
      options: codedOptions(data?.dimensions ?? []),
    },
    {
      label: "Con alguna herramienta en estado",
      param: "estado",
      field: "state",
      blank: "Cualquiera",
      options: STATE_OPTIONS,
    },
  ];
  const order = orderOf(params);

  function sortBy(key: string) {
    if (key === sort) {
      update({ "orden-dir": order === "asc" ? "desc" : "asc" });
    } else {
      update({ orden: key === "name" ? undefined : key, "orden-dir": undefined });
    }
  }

  const defaultDirection = orderOf({ sort });
  const download = api.gapMatrix.xlsxUrl(params);

  return (
    <>
      <PageHeader
        title="Matriz de brechas"
        description={
          <p>
            El estado de hoy de cada herramienta en cada municipio participante: qué falta, qué
            venció y qué está validado. Los filtros y el orden se aplican también a la descarga.
          </p>
        }
        actions={
          <a className="button button--primary" href={download} download>
            Descargar XLSX
          </a>
        }
      />
      <search className="toolbar filters gap-matrix-filters" aria-label="Filtrar la matriz">
        <FilterSelects selects={selects} filters={params} update={update} />
        <SelectField
          label="Vencimiento"
          value={params.overdue === "true" ? "si" : params.overdue === "false" ? "no" : ""}
          onChange={(vencidas) => update({ vencidas })}
          blank="Todos los municipios"
          options={OVERDUE_OPTIONS}
        />
        <SelectField
          label="Ordenar por"
          value={sort}
          onChange={(key) =>
            update({ orden: key === "name" ? undefined : key, "orden-dir": undefined })
          }
          options={[
            ...SORT_OPTIONS,
            ...(data?.columns ?? []).map((column) => ({
              value: `tool:${column.tool}`,
              label: `${column.tool} · ${column.toolName} (lo más urgente primero)`,
            })),
          ]}
        />
        <label className="choice gap-matrix-filters__reverse">
          <input
            type="checkbox"
            checked={order !== defaultDirection}
            onChange={(event) =>
              update({
                "orden-dir": event.target.checked
                  ? defaultDirection === "asc"
                    ? "desc"
                    : "asc"
                  : undefined,
              })
            }
          />{" "}
          Invertir el orden
        </label>
      </search>

      {matrix.isPending ? <Loading label="Calculando la matriz…" /> : null}
      <ErrorAlert error={matrix.error} />
      {data ? (
        <div className={matrix.isPlaceholderData ? "is-refreshing" : undefined}>
          <p className="result-count" role="status">
            {plural(data.total, "municipio", "municipios")} ·{" "}
            {plural(data.totals.gaps, "brecha", "brechas")} ·{" "}
            {plural(data.totals.overdue, "herramienta vencida", "herramientas vencidas")} · al{" "}
            {formatLocalDate(data.today)}
          </p>
          <ul className="gap-matrix-legend" aria-label="Leyenda">
            {TOOL_STATES.map((state) => (
              <li key={state} className={`gap-cell--${state}`}>
                <strong>{SHORT_STATE_LABELS[state]}</strong>:{" "}
                {TOOL_STATE_LABELS[state].toLowerCase()}
              </li>
            ))}
            <li className="gap-cell--overdue">
              <strong>Vencida</strong>: pasó el plazo sin validarse
            </li>
            <li>
              <strong>—</strong>: la herramienta no forma parte del modelo del municipio
            </li>
          </ul>
          {data.total === 0 ? (
            <p className="empty">Ningún municipio participante coincide con los filtros.</p>
          ) : (
            <>
              <GapMatrixTable data={data} sorting={{ sort, order }} onSort={sortBy} />
              <Pagination
                results={data}
                onPage={(page) => update({ pagina: page > 1 ? String(page) : undefined })}
                noun="municipios"
              />
              <p className="field__hint">
                Los totales de la última fila cuentan los {formatNumber(data.total)} municipios
                filtrados, no solo los de esta página.
              </p>
            </>
          )}
        </div>
      ) : null}
      <ImprovementOverviewSection />
    </>
  );
}
