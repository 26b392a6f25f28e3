import { Link } from "react-router";
import { formatLocalDate, plural } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { QueryResults } from "../../ui/QueryResults";
import { ExtensionDecisionForm } from "./ExtensionDecisionForm";
import { ExtensionSummary } from "./ExtensionSection";
import { useExtensions } from "./queries";

/** Staff: the extension requests waiting for a decision, oldest first, each with its form. */
export function ExtensionsPage() {
  const pending = useExtensions("pending");
  return (
    <>
      <PageHeader
        title="Solicitudes de prórroga"
        description={
          <p>
            Los municipios piden más tiempo para una herramienta. Apruebe la fecha solicitada u
            otra, o rechace la solicitud con su motivo; el municipio recibe un aviso.
          </p>
        }
      />
      <QueryResults query={pending} loadingLabel="Cargando las solicitudes…">
        {(list) => (
          <div className="stack">
            <p className="result-count" role="status">
              {plural(list.length, "solicitud pendiente", "solicitudes pendientes")}
            </p>
            {list.length === 0 ? (
              <p className="empty">No hay solicitudes de prórroga por decidir.</p>
            ) : (
              list.map((request) => (
                <article
                  key={request.id}
                  className="card stack"
                  aria-labelledby={`prorroga-${request.id}`}
                >
                  <h2 id={`prorroga-${request.id}`}>
                    {request.municipality.name}:{" "}
                    <Link to={`/herramientas/${request.toolInstanceId}`}>{request.tool}</Link>
                  </h2>
                  <p>Plazo vigente: {formatLocalDate(request.deadlineBefore)}</p>
                  <ExtensionSummary request={request} />
                  <ExtensionDecisionForm request={request} />
                </article>
              ))
            )}
          </div>
        )}
      </QueryResults>
    </>
  );
}
