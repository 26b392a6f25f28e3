import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { UpdatePreferencesRequest } from "../../../contracts/notifications.js";
import { api, type NotificationFilters, type OutboxFilters } from "../../api/client";
import { useInvalidatingMutation, useStoringMutation } from "../../api/mutations";
import { useCurrentUser } from "../auth/session";

export const notificationsKey = ["notifications"] as const;
const preferencesKey = ["notification-preferences"] as const;
const outboxKey = ["mail-outbox"] as const;

/** How often the header asks for the unread count: modest, it is one indexed count. */
export const UNREAD_POLL_MS = 60_000;

/** The signed-in person's unread count, refreshed every minute (and when notifications change). */
export function useUnreadCount() {
  const user = useCurrentUser();
  return useQuery({
    queryKey: [...notificationsKey, "unread", user?.id],
    queryFn: api.notifications.unreadCount,
    enabled: user !== null,
    refetchInterval: UNREAD_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 15_000,
  });
}

export function useNotifications(filters: NotificationFilters) {
  return useQuery({
    queryKey: [...notificationsKey, "list", filters],
    queryFn: () => api.notifications.list(filters),
    placeholderData: keepPreviousData,
    // A new notification may arrive while the page is open: the centre follows the header's pace.
    refetchInterval: UNREAD_POLL_MS,
  });
}

export function useMarkRead() {
  return useInvalidatingMutation(notificationsKey, (id: string) => api.notifications.markRead(id));
}

export function useMarkAllRead() {
  return useInvalidatingMutation(notificationsKey, api.notifications.markAllRead);
}

export function usePreferences() {
  return useQuery({ queryKey: preferencesKey, queryFn: api.notifications.preferences });
}

export function useSavePreferences() {
  return useStoringMutation(preferencesKey, (body: UpdatePreferencesRequest) =>
    api.notifications.savePreferences(body),
  );
}

export function useOutbox(filters: OutboxFilters) {
  return useQuery({
    queryKey: [...outboxKey, "list", filters],
    queryFn: () => api.mailOutbox.list(filters),
    placeholderData: keepPreviousData,
  });
}

export function useOutboxMessage(id: string | null) {
  return useQuery({
    queryKey: [...outboxKey, "message", id],
    queryFn: () => api.mailOutbox.get(id ?? ""),
    enabled: id !== null,
  });
}

export function useRetryMail() {
  return useInvalidatingMutation(outboxKey, (id: string) => api.mailOutbox.retry(id));
}
