import { useState } from "react";
import { useSearchParams } from "react-router";
import type { Commitment, CommitmentQuery } from "../../../contracts/support.js";
import { isMunicipalRole } from "../../../domain/roles.js";
import { COMMITMENT_STATUSES } from "../../../domain/support.js";
import { ErrorAlert } from "../../ui/Alert";
import { Field } from "../../ui/Field";
import { plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { readPage } from "../../ui/useUrlFilters";
import { useCurrentUser } from "../auth/session";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";
import { CommitmentStatusDialog } from "./CommitmentStatusDialog";
import { CommitmentsTable } from "./CommitmentsTable";
import { COMMITMENT_STATUS_LABELS } from "./labels";
import { useCommitments } from "./queries";
import { SupportNav } from "./SupportNav";
import "./support.css";

const PAGE_SIZE = 50;
type StatusFilter = NonNullable<CommitmentQuery["status"]>;
const STATUS_FILTERS: StatusFilter[] = [...COMMITMENT_STATUSES, "all"];

function readFilters(search: URLSearchParams): CommitmentQuery {
  const status = search.get("estado") ?? "open";
  return {
    status: STATUS_FILTERS.includes(status as StatusFilter) ? (status as StatusFilter) : "open",
    overdue: search.get("vencidos") === "1" ? "true" : undefined,
    municipality: search.get("municipio") ?? undefined,
    page: readPage(search),
    pageSize: PAGE_SIZE,
  };
}

/**
 * The commitments (acuerdos) of every action, overdue first: staff follow them all up; a
 * municipality sees those it owns, and its liaison marks them fulfilled.
 */
export function CommitmentsPage() {
  const user = useCurrentUser();
  const municipal = user ? isMunicipalRole(user.role) : false;
  const [search, setSearch] = useSearchParams();
  const filters = readFilters(search);
  const commitments = useCommitments(filters);
  const [following, setFollowing] = useState<Commitment | null>(null);

  function update(key: string, value: string | null | undefined) {
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) {
          next.set(key, value);
        } else {
          next.delete(key);
        }
        if (key !== "pagina") {
          next.delete("pagina");
        }
        return next;
      },
      { replace: true },
    );
  }

  const canFollow = (commitment: Commitment) =>
    municipal ? user?.role === "liaison" && commitment.status === "open" : true;
  return (
    <div className="stack stack--large">
      <PageHeader
        title="Acuerdos"
        description={
          <p>
            {municipal
              ? `Los acuerdos de las acciones de acompañamiento a cargo de ${user?.municipality?.name ?? "su municipio"}.`
              : "Los acuerdos de todas las acciones de acompañamiento, con los vencidos primero."}
          </p>
        }
      />
      {municipal ? null : <SupportNav />}
      <search className="toolbar filters support-filters" aria-label="Filtrar acuerdos">
        <Field label="Estado">
          {(control) => (
            <select
              {...control}
              className="input"
              value={filters.status}
              onChange={(event) => update("estado", event.target.value)}
            >
              {COMMITMENT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {COMMITMENT_STATUS_LABELS[status]}
                </option>
              ))}
              <option value="all">Todos</option>
            </select>
          )}
        </Field>
        <label className="choice support-filters__check">
          <input
            type="checkbox"
            checked={filters.overdue === "true"}
            onChange={(event) => update("vencidos", event.target.checked ? "1" : null)}
          />
          <span>Solo vencidos</span>
        </label>
        {municipal ? null : (
          <MunicipalityPicker
            label="Municipio responsable"
            value={filters.municipality ?? null}
            onChange={(value) => update("municipio", value)}
          />
        )}
      </search>
      {commitments.isPending ? <Loading label="Cargando acuerdos…" /> : null}
      <ErrorAlert error={commitments.error} />
      {commitments.data ? (
        <div className={commitments.isPlaceholderData ? "is-refreshing stack" : "stack"}>
          <p className="result-count" role="status">
            {plural(commitments.data.total, "acuerdo", "acuerdos")}
            {commitments.data.overdue > 0
              ? ` · ${plural(commitments.data.overdue, "abierto vencido", "abiertos vencidos")}`
              : ""}
          </p>
          {commitments.data.items.length === 0 ? (
            <p className="empty">No hay acuerdos con estos filtros.</p>
          ) : (
            <CommitmentsTable
              commitments={commitments.data.items}
              caption="Acuerdos"
              canFollow={canFollow}
              onFollow={setFollowing}
            />
          )}
          {commitments.data.total > PAGE_SIZE ? (
            <Pagination
              page={commitments.data.page}
              pageSize={commitments.data.pageSize}
              total={commitments.data.total}
              onPage={(page) => update("pagina", String(page))}
              noun="acuerdos"
            />
          ) : null}
        </div>
      ) : null}
      <CommitmentStatusDialog
        commitment={following}
        ownerLiaison={municipal}
        onClose={() => setFollowing(null)}
      />
    </div>
  );
}
