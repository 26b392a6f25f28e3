import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import type { LoginRequest, SessionInfo, SessionUser } from "../../../contracts/auth.js";
import { api } from "../../api/client";

export const sessionKey = ["session"] as const;

/** The current session (null when signed out), loaded once and shared by the whole app. */
export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: api.auth.session,
  staleTime: 5 * 60_000,
});

export function useSession() {
  return useQuery(sessionQuery);
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

/**
 * Signs out and leaves for the home page; the session is forgotten only once there, so that the
 * page being left does not first bounce to the sign-in page.
 */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: api.auth.logout,
    onSettled: async () => {
      // flushSync: the new page must be on screen before the session goes, not in a transition.
      await navigate("/", { replace: true, flushSync: true });
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "session" });
      queryClient.setQueryData(sessionKey, null);
    },
  });
}
