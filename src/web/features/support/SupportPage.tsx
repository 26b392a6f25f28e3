import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { Commitment, SupportActionQuery } from "../../../contracts/support.js";
import { isMunicipalRole } from "../../../domain/roles.js";
import {
  SUPPORT_ACTION_STATUSES,
  SUPPORT_ACTION_TYPES,
  type SupportActionStatus,
  type SupportActionType,
} from "../../../domain/support.js";
import { ErrorAlert } from "../../ui/Alert";
import { Field } from "../../ui/Field";
import { plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { readPage } from "../../ui/useUrlFilters";
import { useCurrentUser } from "../auth/session";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";
import { ActionsTable } from "./ActionsTable";
import { CommitmentStatusDialog } from "./CommitmentStatusDialog";
import { CommitmentsTable } from "./CommitmentsTable";
import { SUPPORT_ACTION_STATUS_LABELS, SUPPORT_ACTION_TYPE_LABELS } from "./labels";
import { useCommitments, useSupportActions } from "./queries";
import { SupportNav } from "./SupportNav";
import "./support.css";

const PAGE_SIZE = 25;

function readFilters(search: URLSearchParams): SupportActionQuery {
  const status = search.get("estado");
  const type = search.get("tipo");
  const when = search.get("cuando");
  return {
    status: SUPPORT_ACTION_STATUSES.includes(status as SupportActionStatus)
      ? (status as SupportActionStatus)
      : undefined,
    type: SUPPORT_ACTION_TYPES.includes(type as SupportActionType)
      ? (type as SupportActionType)
      : undefined,
    when: when === "upcoming" || when === "past" ? when : undefined,
    municipality: search.get("municipio") ?? undefined,
    page: readPage(search),
    pageSize: PAGE_SIZE,
  };
}

/**
 * "Acompañamiento": staff see every support action, with filters; a municipality sees the actions
 * that invite it and the commitments it owns.
 */
export function SupportPage() {
  const user = useCurrentUser();
  const municipal = user ? isMunicipalRole(user.role) : false;
  const [search, setSearch] = useSearchParams();
  const filters = readFilters(search);
  const actions = useSupportActions(filters);

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
      {municipal ? <OwnCommitments liaison={user?.role === "liaison"} /> : null}
      <section className="stack" aria-labelledby="acciones-titulo">
        <h2 id="acciones-titulo" className={municipal ? undefined : "visually-hidden"}>
          Acciones
        </h2>
        <search className="toolbar filters support-filters" aria-label="Filtrar acciones">
          <Field label="Cuándo">
            {(control) => (
              <select
                {...control}
                className="input"
                value={filters.when ?? ""}
                onChange={(event) => update("cuando", event.target.value)}
              >
                <option value="">Todas</option>
                <option value="upcoming">Próximas</option>
                <option value="past">Pasadas</option>
              </select>
            )}
          </Field>
          <Field label="Estado">
            {(control) => (
              <select
                {...control}
                className="input"
                value={filters.status ?? ""}
                onChange={(event) => update("estado", event.target.value)}
              >
                <option value="">Todos</option>
                {SUPPORT_ACTION_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {SUPPORT_ACTION_STATUS_LABELS[status]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Tipo">
            {(control) => (
              <select
                {...control}
                className="input"
                value={filters.type ?? ""}
                onChange={(event) => update("tipo", event.target.value)}
              >
                <option value="">Todos</option>
                {SUPPORT_ACTION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {SUPPORT_ACTION_TYPE_LABELS[type]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {municipal ? null : (
            <MunicipalityPicker
              label="Municipio invitado"
              value={filters.municipality ?? null}
              onChange={(value) => update("municipio", value)}
            />
          )}
        </search>
        {actions.isPending ? <Loading label="Cargando acciones…" /> : null}
        <ErrorAlert error={actions.error} />
        {actions.data ? (
          <div className={actions.isPlaceholderData ? "is-refreshing stack" : "stack"}>
            <p className="result-count" role="status">
              {plural(actions.data.total, "acción", "acciones")}
            </p>
            {actions.data.items.length === 0 ? (
              <p className="empty">
                {municipal
                  ? "No hay acciones de acompañamiento que inviten a su municipio con estos filtros."
                  : "No hay acciones de acompañamiento con estos filtros."}
              </p>
            ) : (
              <ActionsTable actions={actions.data.items} caption="Acciones de acompañamiento" />
            )}
            {actions.data.total > PAGE_SIZE ? (
              <Pagination
                page={actions.data.page}
                pageSize={actions.data.pageSize}
                total={actions.data.total}
                onPage={(page) => update("pagina", String(page))}
                noun="acciones"
              />
            ) : null}
          </div>
        ) : null}
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
      <div className="section-heading">
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
