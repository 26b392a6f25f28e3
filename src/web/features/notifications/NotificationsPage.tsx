import { Link } from "react-router";
import type { Notification } from "../../../contracts/notifications.js";
import { NOTIFICATION_KIND_LABELS } from "../../../domain/notifications.js";
import { Alert, ErrorAlert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { formatDateTime, formatNumber } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { readPage, useSearchFilters } from "../../ui/useUrlFilters";
import { useMarkAllRead, useMarkRead, useNotifications } from "./queries";
import "./notifications.css";

const PAGE_SIZE = 20;
export const PREFERENCES_PATH = "/notificaciones/preferencias";

/** The address's filters: only the unread ones (`sin-leer=1`) and the page. */
function readNotificationFilters(search: URLSearchParams) {
  return { unreadOnly: search.get("sin-leer") === "1", page: readPage(search) };
}

/** The notification centre: what happened that concerns me, unread first, each linking to its page. */
export function NotificationsPage() {
  const { filters, update, setPage } = useSearchFilters(readNotificationFilters);
  const { unreadOnly, page } = filters;
  const list = useNotifications({
    page,
    pageSize: PAGE_SIZE,
    unread: unreadOnly ? "true" : undefined,
  });
  const markAll = useMarkAllRead();
  const unread = list.data?.unread ?? 0;

  return (
    <>
      <PageHeader
        title="Notificaciones"
        description={
          <p>
            Avisos sobre sus herramientas, revisiones, plazos y acciones de acompañamiento. Las no
            leídas aparecen primero.
          </p>
        }
        actions={
          <>
            <Button
              variant="secondary"
              onClick={() => markAll.mutate()}
              disabled={unread === 0}
              busy={markAll.isPending}
              busyLabel="Marcando…"
            >
              Marcar todas como leídas
            </Button>
            <Link to={PREFERENCES_PATH} className="button button--ghost">
              Preferencias de notificación
            </Link>
          </>
        }
      />
      <div className="toolbar notifications-toolbar">
        <label className="choice">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(event) => update({ "sin-leer": event.target.checked ? "1" : undefined })}
          />
          Solo las no leídas
        </label>
        {list.data ? (
          <p className="result-count" aria-live="polite">
            {unread === 0 ? "Ninguna sin leer" : `${formatNumber(unread)} sin leer`}
          </p>
        ) : null}
      </div>
      <ErrorAlert error={markAll.error} />
      {list.isPending ? <Loading label="Cargando notificaciones…" /> : null}
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? (
        <Alert tone="info">
          <p>
            {unreadOnly
              ? "No tiene notificaciones sin leer."
              : "Aún no tiene notificaciones. Aquí aparecerán los avisos que le conciernen."}
          </p>
        </Alert>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <div className={list.isPlaceholderData ? "is-refreshing" : undefined}>
          <ul className="notification-list" aria-label="Notificaciones">
            {list.data.items.map((notification) => (
              <NotificationItem key={notification.id} notification={notification} />
            ))}
          </ul>
          <Pagination results={list.data} noun="notificaciones" onPage={setPage} />
        </div>
      ) : null}
    </>
  );
}

/** What happened: the notice's paragraphs, lists and label/value pairs. */
function NoticeBody({ blocks }: { blocks: Notification["content"]["blocks"] }) {
  return (
    <div className="notification__body">
      {blocks.map((block, index) => {
        const key = `${block.type}-${index}`;
        switch (block.type) {
          case "text":
            return <p key={key}>{block.text}</p>;
          case "list":
            return (
              <ul key={key} className="notification__list">
                {block.items.map((item, position) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a stored text's lines never move.
                  <li key={position}>{item}</li>
                ))}
              </ul>
            );
          case "facts":
            return (
              <dl key={key} className="notification__facts">
                {block.facts.map((fact, position) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a stored text's lines never move.
                  <div key={position}>
                    <dt>{`${fact.label}:`}</dt> <dd>{fact.value}</dd>
                  </div>
                ))}
              </dl>
            );
        }
        return null;
      })}
    </div>
  );
}

function NotificationItem({ notification }: { notification: Notification }) {
  const markRead = useMarkRead();
  const unread = notification.readAt === null;
  return (
    <li
      className={unread ? "panel notification notification--unread" : "panel notification"}
      data-notification-kind={notification.kind}
    >
      <div className="spread-row notification__header">
        <h2 className="notification__title">{notification.title}</h2>
        <div className="badge-row">
          {unread ? <Badge tone="info">Sin leer</Badge> : null}
          <Badge>{NOTIFICATION_KIND_LABELS[notification.kind]}</Badge>
        </div>
      </div>
      <NoticeBody blocks={notification.content.blocks} />
      <div className="notification__footer">
        <time className="muted small" dateTime={notification.createdAt}>
          {formatDateTime(notification.createdAt)}
        </time>
        <Link
          to={notification.link}
          className="button button--secondary button--small"
          onClick={() => {
            if (unread) {
              markRead.mutate(notification.id);
            }
          }}
        >
          {notification.content.action}
          <span className="visually-hidden">: {notification.title}</span>
        </Link>
        {unread ? (
          <Button
            size="small"
            variant="ghost"
            onClick={() => markRead.mutate(notification.id)}
            busy={markRead.isPending}
            busyLabel="Marcando…"
          >
            Marcar como leída
            <span className="visually-hidden">: {notification.title}</span>
          </Button>
        ) : null}
      </div>
    </li>
  );
}
