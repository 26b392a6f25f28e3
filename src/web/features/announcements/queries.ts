import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SendAnnouncementRequest } from "../../../contracts/announcements.js";
import { api } from "../../api/client";
import { useFreshQuery } from "../../api/fresh-reads";

const announcementKeys = {
  all: ["announcements"] as const,
  list: ["announcements", "list"] as const,
  one: (id: string) => ["announcements", "one", id] as const,
};

export function useAnnouncements() {
  return useFreshQuery(announcementKeys.list, api.announcements.list);
}

export function useAnnouncement(id: string) {
  return useQuery({ queryKey: announcementKeys.one(id), queryFn: () => api.announcements.get(id) });
}

/** After sending or reading: the lists, the unread count and the notification bell are stale. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: announcementKeys.all });
    void queryClient.invalidateQueries({ queryKey: ["notifications"] });
  };
}

export function useSendAnnouncement() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: SendAnnouncementRequest) => api.announcements.send(body),
    onSuccess: refresh,
  });
}

export function useMarkAnnouncementRead() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.announcements.markRead(id),
    onSuccess: refresh,
  });
}
