import { useState } from "react";
import type { Commitment } from "../../../contracts/support.js";
import { actingRole } from "../../../domain/policy.js";
import { isMunicipalRole } from "../../../domain/roles.js";
import { COMMITMENT_STATUSES } from "../../../domain/support.js";
import { plural } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { PagedResults, QueryResults } from "../../ui/QueryResults";
import { labelledOptions, SelectField } from "../../ui/SelectField";
import { useSearchFilters } from "../../ui/useUrlFilters";
import { useCurrentUser } from "../auth/session";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";
import { CommitmentStatusDialog } from "./CommitmentStatusDialog";
import { CommitmentsTable } from "./CommitmentsTable";
import { readCommitmentFilters } from "./filters";
import { COMMITMENT_STATUS_LABELS } from "./labels";
import { useCommitments } from "./queries";
import { SupportNav } from "./SupportNav";
import "./support.css";

const STATUS_OPTIONS = [
  ...labelledOptions(COMMITMENT_STATUSES, COMMITMENT_STATUS_LABELS),
  { value: "all", label: "Todos" },
];

/**
 * The commitments (acuerdos) of every action, overdue first: staff follow them all up; a
 * municipality sees those it owns, and its liaison marks them fulfilled.
 */
export function CommitmentsPage() {
  const user = useCurrentUser();
  const municipal = user ? isMunicipalRole(user.role) : false;
  const { filters, update, setPage } = useSearchFilters(readCommitmentFilters);
  const commitments = useCommitments(filters);
  const [following, setFollowing] = useState<Commitment | null>(null);

  const canFollow = (commitment: Commitment) =>
    municipal
      ? user !== null && actingRole(user) === "liaison" && commitment.status === "open"
      : true;
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
        <SelectField
          label="Estado"
          value={filters.status ?? "open"}
          onChange={(value) => update({ estado: value })}
          options={STATUS_OPTIONS}
        />
        <label className="choice support-filters__check">
          <input
            type="checkbox"
            checked={filters.overdue === "true"}
            onChange={(event) => update({ vencidos: event.target.checked ? "1" : null })}
          />
          <span>Solo vencidos</span>
        </label>
        {municipal ? null : (
          <MunicipalityPicker
            label="Municipio responsable"
            value={filters.municipality ?? null}
            onChange={(value) => update({ municipio: value })}
          />
        )}
      </search>
      <QueryResults query={commitments} loadingLabel="Cargando acuerdos…" className="stack">
        {(data) => (
          <PagedResults
            results={data}
            count={`${plural(data.total, "acuerdo", "acuerdos")}${
              data.overdue > 0
                ? ` · ${plural(data.overdue, "abierto vencido", "abiertos vencidos")}`
                : ""
            }`}
            empty="No hay acuerdos con estos filtros."
            noun="acuerdos"
            onPage={setPage}
          >
            {(items) => (
              <CommitmentsTable
                commitments={items}
                caption="Acuerdos"
                canFollow={canFollow}
                onFollow={setFollowing}
              />
            )}
          </PagedResults>
        )}
      </QueryResults>
      <CommitmentStatusDialog
        commitment={following}
        ownerLiaison={municipal}
        onClose={() => setFollowing(null)}
      />
    </div>
  );
}
