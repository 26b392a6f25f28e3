import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  AUDIT_ENTITY_LABELS,
  AUDIT_ENTITY_TYPES,
  AUDIT_EVENTS,
} from "../../../domain/audit-events.js";
import { type AuditFilters, api } from "../../api/client";
import { Field } from "../../ui/Field";
import { type FilterSelect, FilterSelects } from "../../ui/FilterSelects";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { QueryResults } from "../../ui/QueryResults";
import { SearchField } from "../../ui/SearchField";
import { labelledOptions } from "../../ui/SelectField";
import { useUrlFilters } from "../../ui/useUrlFilters";
import { AuditTable } from "./AuditTable";
import { ChainState } from "./ChainState";
import { readAuditFilters } from "./filters";

const ENTITY_OPTIONS = labelledOptions(AUDIT_ENTITY_TYPES, AUDIT_ENTITY_LABELS);
const AUDIT_SELECTS: FilterSelect<AuditFilters>[] = [
  {
    label: "Tipo de registro",
    param: "entidad",
    field: "entityType",
    blank: "Todos",
    options: ENTITY_OPTIONS,
  },
];

/** The filter's choices: every action of the catalogue, grouped by what it is about. */
const ACTION_GROUPS = AUDIT_ENTITY_TYPES.map((entityType) => ({
  entityType,
  actions: AUDIT_ACTIONS.filter((action) => AUDIT_EVENTS[action].entity === entityType),
})).filter((group) => group.actions.length > 0);

/** The audit log: who did what, when, and what changed. */
export function AuditPage() {
  const { filters, text, setText, update, setPage } = useUrlFilters(readAuditFilters);
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
          hint="En el nombre de la acción, quién actuó o el identificador."
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
              {ACTION_GROUPS.map((group) => (
                <optgroup key={group.entityType} label={AUDIT_ENTITY_LABELS[group.entityType]}>
                  {group.actions.map((action) => (
                    <option key={action} value={action}>
                      {AUDIT_ACTION_LABELS[action]}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <FilterSelects selects={AUDIT_SELECTS} filters={filters} update={update} />
      </search>
      <QueryResults query={events} loadingLabel="Cargando la bitácora…">
        {(data) => (
          <>
            <AuditTable events={data.items} />
            <Pagination results={data} noun="eventos" onPage={setPage} />
          </>
        )}
      </QueryResults>
    </>
  );
}
