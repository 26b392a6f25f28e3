import { useState } from "react";
import { Link } from "react-router";
import type { Commitment, SupportActionQuery } from "../../../contracts/support.js";
import { actingRole } from "../../../domain/policy.js";
import { isMunicipalRole } from "../../../domain/roles.js";
import { SUPPORT_ACTION_STATUSES, SUPPORT_ACTION_TYPES } from "../../../domain/support.js";
import { ErrorAlert } from "../../ui/Alert";
import { type FilterSelect, FilterSelects } from "../../ui/FilterSelects";
import { plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { PagedResults, QueryResults } from "../../ui/QueryResults";
import { labelledOptions } from "../../ui/SelectField";
import { useSearchFilters } from "../../ui/useUrlFilters";
import { useCurrentUser } from "../auth/session";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";
import { ActionsTable } from "./ActionsTable";
import { CommitmentStatusDialog } from "./CommitmentStatusDialog";
import { CommitmentsTable } from "./CommitmentsTable";
import { readActionFilters } from "./filters";
import { SUPPORT_ACTION_STATUS_LABELS, SUPPORT_ACTION_TYPE_LABELS } from "./labels";
import { useCommitments, useSupportActions } from "./queries";
import { SupportNav } from "./SupportNav";
import "./support.css";

const WHEN_OPTIONS = [
  { value: "upcoming", label: "Próximas" },
  { value: "past", label: "Pasadas" },
];
const STATUS_OPTIONS = labelledOptions(SUPPORT_ACTION_STATUSES, SUPPORT_ACTION_STATUS_LABELS);
const TYPE_OPTIONS = labelledOptions(SUPPORT_ACTION_TYPES, SUPPORT_ACTION_TYPE_LABELS);

const ACTION_SELECTS: FilterSelect<SupportActionQuery>[] = [
  { label: "Cuándo", param: "cuando", field: "when", blank: "Todas", options: WHEN_OPTIONS },
  { label: "Estado", param: "estado", field: "status", blank: "Todos", options: STATUS_OPTIONS },
  { label: "Tipo", param: "tipo", field: "type", blank: "Todos", options: TYPE_OPTIONS },
];

/**
 * "Acompañamiento": staff see every support action, with filters; a municipality sees the actions
 * that invite it and the commitments it owns.
 */
export function SupportPage() {
  const user = useCurrentUser();
  const municipal = user ? isMunicipalRole(user.role) : false;
  const { filters, update, setPage } = useSearchFilters(readActionFilters);
  const actions = useSupportActions(filters);

  return (
    <div className="stack stack--large">
      <PageHeader
        title="Acompañamiento"
        description={
          municipal ? (
            <p>
              Reuniones de trabajo, capacitaciones y asesorías a las que se invitó a{" "}
              {user?.municipality?.name}, y los acuerdos a su cargo.
            </p>
          ) : (
            <p>
              Reuniones de trabajo, capacitaciones y asesorías para cerrar las brechas de los
              municipios.
            </p>
          )
        }
        actions={
          municipal ? null : (
            <Link to="/acompanamiento/nueva" className="button button--primary">
              Nueva acción
            </Link>
          )
        }
      />
      {municipal ? null : <SupportNav />}
      {municipal ? (
        <OwnCommitments liaison={user !== null && actingRole(user) === "liaison"} />
      ) : null}
      <section className="stack" aria-labelledby="acciones-titulo">
        <h2 id="acciones-titulo" className={municipal ? undefined : "visually-hidden"}>
          Acciones
        </h2>
        <search className="toolbar filters support-filters" aria-label="Filtrar acciones">
          <FilterSelects selects={ACTION_SELECTS} filters={filters} update={update} />
          {municipal ? null : (
            <MunicipalityPicker
              label="Municipio invitado"
              value={filters.municipality ?? null}
              onChange={(value) => update({ municipio: value })}
            />
          )}
        </search>
        <QueryResults query={actions} loadingLabel="Cargando acciones…" className="stack">
          {(data) => (
            <PagedResults
              results={data}
              count={plural(data.total, "acción", "acciones")}
              empty={
                municipal
                  ? "No hay acciones de acompañamiento que inviten a su municipio con estos filtros."
                  : "No hay acciones de acompañamiento con estos filtros."
              }
              noun="acciones"
              onPage={setPage}
            >
              {(items) => <ActionsTable actions={items} caption="Acciones de acompañamiento" />}
            </PagedResults>
          )}
        </QueryResults>
      </section>
    </div>
  );
}

/** A municipality's open commitments, overdue first; its liaison marks them fulfilled. */
function OwnCommitments({ liaison }: { liaison: boolean }) {
  const commitments = useCommitments({ status: "open", pageSize: 200 });
  const [following, setFollowing] = useState<Commitment | null>(null);
  return (
    <section className="stack" aria-labelledby="acuerdos-titulo">
      <div className="spread-row section-heading">
        <h2 id="acuerdos-titulo">Acuerdos a cargo del municipio</h2>
        <Link to="/acompanamiento/acuerdos">Ver todos los acuerdos</Link>
      </div>
      {commitments.isPending ? <Loading label="Cargando acuerdos…" /> : null}
      <ErrorAlert error={commitments.error} />
      {commitments.data ? (
        commitments.data.items.length === 0 ? (
          <p className="empty">No hay acuerdos abiertos a cargo del municipio.</p>
        ) : (
          <>
            {commitments.data.overdue > 0 ? (
              <p className="note note--warning">
                {plural(commitments.data.overdue, "acuerdo vencido", "acuerdos vencidos")}.
              </p>
            ) : null}
            <CommitmentsTable
              commitments={commitments.data.items}
              caption="Acuerdos abiertos del municipio"
              canFollow={(commitment) => liaison && commitment.status === "open"}
              onFollow={setFollowing}
            />
          </>
        )
      ) : null}
      <CommitmentStatusDialog
        commitment={following}
        ownerLiaison
        onClose={() => setFollowing(null)}
      />
    </section>
  );
}
