import { Navigate, Outlet, useLocation } from "react-router";
import type { Role } from "../../../domain/roles.js";
import { QueryPending } from "../../ui/QueryResults";
import { Forbidden } from "./Forbidden";
import { signInPath } from "./returnPath";
import { useSession } from "./session";

/** Renders the child routes for a signed-in user; sends anyone else to the sign-in page. */
export function RequireUser() {
  return <SessionGuard />;
}

/** Renders the child routes only for the given roles; others see a "sin permiso" message. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  return <SessionGuard roles={roles} />;
}

/** The child routes once the session is known to be signed in (with one of `roles`, if given). */
function SessionGuard({ roles }: { roles?: readonly Role[] }) {
  const session = useSession();
  const location = useLocation();
  if (!session.isSuccess) {
    return <QueryPending query={session} loadingLabel="Comprobando la sesión…" />;
  }
  if (!session.data) {
    return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  }
  if (roles && !roles.includes(session.data.user.role)) {
    return <Forbidden />;
  }
  return <Outlet />;
}
