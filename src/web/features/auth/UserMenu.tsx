import { useEffect, useId, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import type { SessionUser } from "../../../contracts/auth.js";
import { ROLE_LABELS } from "../../../domain/roles.js";
import { CHANGE_PASSWORD_PATH } from "./returnPath";
import { useLogout } from "./session";

/** The signed-in person's name and role, opening their account actions (a disclosure). */
export function UserMenu({ user }: { user: SessionUser }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  const logout = useLogout();

  // Close on navigation, on a click elsewhere and on Escape (giving focus back to the button).
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the point of the effect.
  useEffect(() => {
    setOpen(false);
  }, [location.pathname]);

  useEffect(() => {
    if (!open) {
      return;
    }
    function onPointer(event: PointerEvent) {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) {
        setOpen(false);
      }
    }
    function onKey(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

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
        onClick={() => setOpen((value) => !value)}
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
