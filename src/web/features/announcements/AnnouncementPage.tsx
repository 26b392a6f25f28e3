import { useEffect } from "react";
import { Link, useParams } from "react-router";
import { audienceSummary } from "../../../domain/announcements.js";
import { canSendAnnouncements } from "../../../domain/policy.js";
import { ErrorAlert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { formatDateTime, plural } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { QueryResults } from "../../ui/QueryResults";
import { TableHead } from "../../ui/TableHead";
import { useCurrentUser } from "../auth/session";
import { useAnnouncement, useMarkAnnouncementRead } from "./queries";

/** One announcement: its text; a recipient reading it marks it read; staff see who has. */
export function AnnouncementPage() {
  const { id = "" } = useParams();
  const announcement = useAnnouncement(id);
  const markRead = useMarkAnnouncementRead();
  const user = useCurrentUser();
  const recipient = user ? !canSendAnnouncements(user) : false;
  const unread = recipient && announcement.data?.readAt === null;
  const { mutate, isIdle } = markRead;
  // Opening an unread announcement is reading it (once: the refetch brings its read moment).
  useEffect(() => {
    if (unread && isIdle) {
      mutate(id);
    }
  }, [unread, isIdle, id, mutate]);

  return (
    <QueryResults query={announcement} loadingLabel="Cargando el aviso…">
      {(item) => (
        <>
          <PageHeader
            title={item.title}
            description={`${formatDateTime(item.sentAt)}${item.sentBy ? ` · ${item.sentBy}` : ""}`}
          />
          <div className="stack stack--large">
            <p>
              <Link to="/avisos">Todos los avisos</Link>
            </p>
            <article className="card stack" aria-label="Texto del aviso">
              <p className="announcement__text">{item.body}</p>
            </article>
            <ErrorAlert error={markRead.error} />
            {item.readers.length > 0 ? (
              <section className="stack" aria-labelledby="lectura">
                <h2 id="lectura">
                  {`Leído por ${item.read} de ${plural(item.recipients, "enlace", "enlaces")}`}
                </h2>
                <p className="small">
                  {audienceSummary(item.audience, item.cohort, item.municipalities.length)}
                </p>
                <table className="table">
                  <caption className="visually-hidden">Lectura del aviso por municipio</caption>
                  <TableHead columns={["Municipio", "Enlace", "Leído"]} />
                  <tbody>
                    {item.readers.map((reader) => (
                      <tr key={reader.municipality.cvegeo}>
                        <td>{reader.municipality.name}</td>
                        <td>{reader.name}</td>
                        <td>
                          {reader.readAt ? (
                            formatDateTime(reader.readAt)
                          ) : (
                            <Badge tone="warning">Sin leer</Badge>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ) : null}
          </div>
        </>
      )}
    </QueryResults>
  );
}
