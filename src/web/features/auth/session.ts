import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { LoginRequest, SessionInfo, SessionUser } from "../../../contracts/auth.js";
import { api } from "../../api/client";

export const sessionKey = ["session"] as const;

/** The current session (null when signed out), loaded once and shared by the whole app. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: api.auth.me,
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user, or null (also while the session is loading). */
export function useCurrentUser(): SessionUser | null {
  return useSession().data?.user ?? null;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: LoginRequest) => api.auth.login(credentials),
    onSuccess: (session: SessionInfo) => {
      // Whatever was cached belongs to the previous visitor: start afresh with the new session.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "session" });
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.auth.logout,
    onSettled: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "session" });
      queryClient.setQueryData(sessionKey, null);
    },
  });
}
