import { useState } from "react";
import { Link } from "react-router";
import type { TimelineEvent } from "../../../contracts/participation.js";
import { auditActionLabel, auditEntityLabel } from "../../../domain/audit-events.js";
import { formatDateTime, formatLocalDate } from "../../ui/format";
import { PageButtons } from "../../ui/Pagination";
import { QueryPending } from "../../ui/QueryResults";
import { TIMELINE_PAGE_SIZE, useTimeline } from "./queries";

/** «E3 a) Sistema de Integridad: Código de Ética · ciclo 2 (desde el 16/11/2023)». */
function ToolNote({ tool }: { tool: NonNullable<TimelineEvent["tool"]> }) {
  const name = tool.partName ? `${tool.name}: ${tool.partName}` : tool.name;
  return (
    <p className="timeline__tool small">
      <Link to={`/herramientas/${tool.instanceId}`}>
        <span className="code-chip">
          {tool.code}
          {tool.part ? ` ${tool.part})` : ""}
        </span>{" "}
        {name}
      </Link>
      {tool.annual || tool.cycle > 1
        ? ` · ciclo ${tool.cycle} (desde el ${formatLocalDate(tool.opensOn)})`
        : null}
    </p>
  );
}

/** Everything that happened in the municipality, newest first, one page at a time. */
export function Timeline({ cvegeo }: { cvegeo: string }) {
  const [page, setPage] = useState(1);
  const timeline = useTimeline(cvegeo, page);
  if (!timeline.isSuccess) {
    return <QueryPending query={timeline} loadingLabel="Cargando la línea de tiempo…" />;
  }
  const { items } = timeline.data;
  // The API does not give a total: another page may exist while this one is full.
  const hasNext = items.length >= TIMELINE_PAGE_SIZE;
  return (
    <div className={timeline.isPlaceholderData ? "stack is-refreshing" : "stack"}>
      {items.length === 0 ? (
        <p className="empty">{page === 1 ? "Aún no hay actividad." : "No hay más actividad."}</p>
      ) : (
        <ol className="timeline">
          {items.map((event) => (
            <li key={event.id} className="timeline__item">
              <p className="timeline__when small muted">
                <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time> ·{" "}
                {event.actor}
              </p>
              <p className="timeline__what">
                <strong>{auditActionLabel(event.action)}</strong>{" "}
                {event.tool ? null : (
                  <span className="muted small">({auditEntityLabel(event.entityType)})</span>
                )}
              </p>
              {event.tool ? <ToolNote tool={event.tool} /> : null}
            </li>
          ))}
        </ol>
      )}
      <nav className="spread-row pagination" aria-label="Paginación de la línea de tiempo">
        <p className="pagination__summary">Página {page}</p>
        <PageButtons
          page={page}
          hasNext={hasNext}
          onPage={setPage}
          labels={{ previous: "‹ Más recientes", next: "Anteriores ›" }}
        />
      </nav>
    </div>
  );
}
