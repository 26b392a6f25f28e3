import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { type AuditFilters, api } from "../../api/client";
import { ErrorAlert } from "../../ui/Alert";
import { Field } from "../../ui/Field";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { useDebouncedValue } from "../../ui/useDebouncedValue";
import { AuditTable } from "./AuditTable";
import { ACTION_LABELS, ENTITY_LABELS } from "./labels";

const PAGE_SIZE = 50;

function readFilters(search: URLSearchParams): AuditFilters {
  const page = Number(search.get("pagina") ?? "1");
  return {
    action: search.get("accion") ?? undefined,
    entityType: search.get("entidad") ?? undefined,
    q: search.get("q") ?? undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZE,
  };
}

/** The audit log: who did what, when, and what changed. */
export function AuditPage() {
  const [search, setSearch] = useSearchParams();
  const filters = readFilters(search);
  const [text, setText] = useState(filters.q ?? "");
  const debouncedText = useDebouncedValue(text.trim());
  const events = useQuery({
    queryKey: ["audit", filters],
    queryFn: () => api.audit.list(filters),
    placeholderData: keepPreviousData,
  });

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

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text drives this.
  useEffect(() => {
    if (debouncedText !== (filters.q ?? "")) {
      update({ q: debouncedText || undefined });
    }
  }, [debouncedText]);

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
      <search className="toolbar filters" aria-label="Filtrar la bitácora">
        <Field label="Buscar" hint="En la acción, quién actuó o el identificador.">
          {(control) => (
            <input
              {...control}
              className="input"
              type="search"
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </Field>
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
