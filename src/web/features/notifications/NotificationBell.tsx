import { Link, useLocation } from "react-router";
import { formatNumber } from "../../ui/format";
import { useUnreadCount } from "./queries";
import "./notifications.css";

export const NOTIFICATIONS_PATH = "/notificaciones";

/**
 * The header's link to the notification centre, with the unread count (polled every minute).
 * Always visible, also on small screens where the navigation folds into the menu.
 */
export function NotificationBell() {
  const unread = useUnreadCount().data?.unread ?? 0;
  const location = useLocation();
  const current = location.pathname === NOTIFICATIONS_PATH;
  const label =
    unread === 0
      ? "Notificaciones, ninguna sin leer"
      : `Notificaciones, ${formatNumber(unread)} sin leer`;
  return (
    <Link
      to={NOTIFICATIONS_PATH}
      className="bell"
      aria-label={label}
      title={label}
      aria-current={current ? "page" : undefined}
    >
      <svg className="bell__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      {unread > 0 ? (
        <span className="bell__count" aria-hidden="true">
          {unread > 99 ? "99+" : formatNumber(unread)}
        </span>
      ) : null}
    </Link>
  );
}
