import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type AuditFilters, api } from "../../api/client";
import { ErrorAlert } from "../../ui/Alert";
import { Field } from "../../ui/Field";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { SearchField } from "../../ui/SearchField";
import { readPage, useUrlFilters } from "../../ui/useUrlFilters";
import { AuditTable } from "./AuditTable";
import { ChainState } from "./ChainState";
import { ACTION_LABELS, ENTITY_LABELS } from "./labels";

const PAGE_SIZE = 50;

function readFilters(search: URLSearchParams): AuditFilters {
  return {
    action: search.get("accion") ?? undefined,
    entityType: search.get("entidad") ?? undefined,
    q: search.get("q") ?? undefined,
    page: readPage(search),
    pageSize: PAGE_SIZE,
  };
}

/** The audit log: who did what, when, and what changed. */
export function AuditPage() {
  const { filters, text, setText, update } = useUrlFilters(readFilters);
  const events = useQuery({
    queryKey: ["audit", filters],
    queryFn: () => api.audit.list(filters),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="Bitácora"
        description={
          <p>
            Registro de las acciones realizadas en la plataforma, de la más reciente a la más
            antigua.
          </p>
        }
      />
      <ChainState />
      <h2>Eventos</h2>
      <search className="toolbar filters" aria-label="Filtrar la bitácora">
        <SearchField
          hint="En la acción, quién actuó o el identificador."
          value={text}
          onChange={setText}
        />
        <Field label="Acción">
          {(control) => (
            <select
              {...control}
              className="input"
              value={filters.action ?? ""}
              onChange={(event) => update({ accion: event.target.value || undefined })}
            >
              <option value="">Todas</option>
              {Object.entries(ACTION_LABELS).map(([key, label]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tipo de registro">
          {(control) => (
            <select
              {...control}
              className="input"
              value={filters.entityType ?? ""}
              onChange={(event) => update({ entidad: event.target.value || undefined })}
            >
              <option value="">Todos</option>
              {Object.entries(ENTITY_LABELS).map(([key, label]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </search>
      {events.isPending ? <Loading label="Cargando la bitácora…" /> : null}
      <ErrorAlert error={events.error} />
      {events.data ? (
        <div className={events.isPlaceholderData ? "is-refreshing" : undefined}>
          <AuditTable events={events.data.items} />
          <Pagination
            page={events.data.page}
            pageSize={events.data.pageSize}
            total={events.data.total}
            noun="eventos"
            onPage={(page) => update({ pagina: String(page) })}
          />
        </div>
      ) : null}
    </>
  );
}
