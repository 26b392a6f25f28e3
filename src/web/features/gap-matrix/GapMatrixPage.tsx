import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { TOOL_STATE_LABELS, TOOL_STATES } from "../../../domain/tool-state.js";
import { api } from "../../api/client";
import { ErrorAlert } from "../../ui/Alert";
import { Field } from "../../ui/Field";
import { formatLocalDate, formatNumber, plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { GapMatrixTable, SHORT_STATE_LABELS } from "./GapMatrixTable";
import { orderOf, readParams } from "./params";
import "./gap-matrix.css";
import { ImprovementOverviewSection } from "../plans/ImprovementPlanPage";

/** Staff: every participating municipality × every tool, to see where support is needed. */
export function GapMatrixPage() {
  const [search, setSearch] = useSearchParams();
  const params = readParams(search);
  const matrix = useQuery({
    queryKey: ["gap-matrix", params],
    queryFn: () => api.gapMatrix.get(params),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const data = matrix.data;
  const sort = params.sort ?? "name";
  const order = orderOf(params);

  /** Sets or clears address parameters; any change but the page goes back to page 1. */
  function update(changes: Record<string, string | undefined>) {
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) {
            next.set(key, value);
          } else {
            next.delete(key);
          }
        }
        if (!("pagina" in changes)) {
          next.delete("pagina");
        }
        return next;
      },
      { replace: true },
    );
  }

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
        <Field label="Cohorte">
          {(control) => (
            <select
              {...control}
              className="input"
              value={params.cohort ?? ""}
              onChange={(event) => update({ cohorte: event.target.value })}
            >
              <option value="">Todas</option>
              {(data?.cohorts ?? []).map((cohort) => (
                <option key={cohort} value={cohort}>
                  {cohort}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Dimensión">
          {(control) => (
            <select
              {...control}
              className="input"
              value={params.dimension ?? ""}
              onChange={(event) => update({ dimension: event.target.value })}
            >
              <option value="">Todas</option>
              {(data?.dimensions ?? []).map((dimension) => (
                <option key={dimension.code} value={dimension.code}>
                  {dimension.code} · {dimension.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Con alguna herramienta en estado">
          {(control) => (
            <select
              {...control}
              className="input"
              value={params.state ?? ""}
              onChange={(event) => update({ estado: event.target.value })}
            >
              <option value="">Cualquiera</option>
              {TOOL_STATES.map((state) => (
                <option key={state} value={state}>
                  {TOOL_STATE_LABELS[state]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Vencimiento">
          {(control) => (
            <select
              {...control}
              className="input"
              value={params.overdue === "true" ? "si" : params.overdue === "false" ? "no" : ""}
              onChange={(event) => update({ vencidas: event.target.value })}
            >
              <option value="">Todos los municipios</option>
              <option value="si">Solo con herramientas vencidas</option>
              <option value="no">Solo sin herramientas vencidas</option>
            </select>
          )}
        </Field>
        <Field label="Ordenar por">
          {(control) => (
            <select
              {...control}
              className="input"
              value={sort}
              onChange={(event) =>
                update({
                  orden: event.target.value === "name" ? undefined : event.target.value,
                  "orden-dir": undefined,
                })
              }
            >
              <option value="name">Municipio (A→Z)</option>
              <option value="gaps">Número de brechas (más primero)</option>
              <option value="overdue">Número de vencidas (más primero)</option>
              <option value="index">Índice de implementación (más bajo primero)</option>
              {(data?.columns ?? []).map((column) => (
                <option key={column.tool} value={`tool:${column.tool}`}>
                  {column.tool} · {column.toolName} (lo más urgente primero)
                </option>
              ))}
            </select>
          )}
        </Field>
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
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
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
