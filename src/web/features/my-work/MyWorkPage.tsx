import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type { MyWork } from "../../../contracts/my-work.js";
import { WORK_ITEM_KIND_LABELS, WORK_VIEW_LABELS, type WorkView } from "../../../domain/my-work.js";
import { QUEUE_SCOPE_LABELS } from "../../../domain/portfolios.js";
import { api } from "../../api/client";
import { Badge } from "../../ui/Badge";
import { plural } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { QueryResults } from "../../ui/QueryResults";
import { useCurrentUser } from "../auth/session";
import { workViewsFor } from "./views";

/** «Mi trabajo»: where everyone lands after signing in, each item linking to where it is done. */
export function MyWorkPage() {
  const user = useCurrentUser();
  if (!user) {
    return null;
  }
  return (
    <>
      <PageHeader
        title="Mi trabajo"
        description="Lo que tiene pendiente, lo más urgente primero. Cada elemento lleva a donde se atiende."
      />
      <div className="stack stack--large">
        {workViewsFor(user).map((view) => (
          <WorkSection key={view} view={view} />
        ))}
      </div>
    </>
  );
}

function WorkSection({ view }: { view: WorkView }) {
  const work = useQuery({ queryKey: ["my-work", view], queryFn: () => api.myWork.get(view) });
  const headingId = `mi-trabajo-${view}`;
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{WORK_VIEW_LABELS[view]}</h2>
      <QueryResults query={work} loadingLabel="Cargando sus pendientes…">
        {(data) => <WorkList work={data} />}
      </QueryResults>
    </section>
  );
}

function WorkList({ work }: { work: MyWork }) {
  const overdue = work.items.filter((item) => item.overdue).length;
  return (
    <>
      <p>
        {work.items.length === 0
          ? "No tiene pendientes aquí."
          : `${plural(work.items.length, "pendiente", "pendientes")}${overdue > 0 ? `, ${plural(overdue, "vencido", "vencidos")}` : ""}.`}
        {work.view === "review" && work.scope ? (
          <>
            {" "}
            Cola: {QUEUE_SCOPE_LABELS[work.scope]}.{" "}
            <Link to="/revision">Abrir la cola de revisión</Link>
          </>
        ) : null}
      </p>
      {work.items.length > 0 ? (
        <ul className="work-list">
          {work.items.map((item) => (
            <li key={`${item.kind}:${item.link}:${item.title}`} className="work-list__item">
              <Badge tone={item.overdue ? "danger" : "neutral"}>
                {WORK_ITEM_KIND_LABELS[item.kind]}
              </Badge>{" "}
              <Link to={item.link}>{item.title}</Link>
              <span className="small"> · {item.detail}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
