import { useId } from "react";
import { Link } from "react-router";
import type { SessionUser } from "../../../contracts/auth.js";
import { ROLE_LABELS } from "../../../domain/roles.js";
import { useDisclosure } from "../../ui/useDisclosure";
import { CHANGE_PASSWORD_PATH } from "./returnPath";
import { useLogout } from "./session";

/** The signed-in person's name and role, opening their account actions (a disclosure). */
export function UserMenu({ user }: { user: SessionUser }) {
  const { open, toggle, rootRef, buttonRef } = useDisclosure();
  const panelId = useId();
  const logout = useLogout();

  function signOut() {
    logout.mutate();
  }

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        <span className="user-menu__name">{user.name}</span>
        <span className="user-menu__role">{ROLE_LABELS[user.role]}</span>
      </button>
      <div className="user-menu__panel" id={panelId} hidden={!open}>
        <p className="user-menu__email">{user.email}</p>
        {user.municipality ? (
          <p className="user-menu__municipality">{user.municipality.name}</p>
        ) : null}
        <ul className="user-menu__actions">
          <li>
            <Link to={CHANGE_PASSWORD_PATH} className="user-menu__action">
              Cambiar contraseña
            </Link>
          </li>
          <li>
            <Link to="/cuenta/calendario" className="user-menu__action">
              Calendario
            </Link>
          </li>
          <li>
            <Link to="/cuenta/tokens" className="user-menu__action">
              Tokens de API
            </Link>
          </li>
          <li>
            <button
              type="button"
              className="user-menu__action"
              onClick={signOut}
              disabled={logout.isPending}
            >
              {logout.isPending ? "Cerrando sesión…" : "Cerrar sesión"}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
