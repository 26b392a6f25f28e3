import { useEffect, useState } from "react";
import { Link, NavLink, useLocation } from "react-router";
import type { SessionUser } from "../../contracts/auth.js";
import { signInPath } from "../features/auth/returnPath";
import { useSession } from "../features/auth/session";
import { UserMenu } from "../features/auth/UserMenu";
import { useInstitution } from "../features/institution/queries";
import { NotificationBell } from "../features/notifications/NotificationBell";
import { APP_NAME } from "./appName";

interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

const PUBLIC_NAV: NavItem[] = [
  { to: "/publico", label: "Avance municipal" },
  { to: "/modelo", label: "Modelo", end: true },
  { to: "/municipios", label: "Municipios", end: true },
  { to: "/datos-abiertos", label: "Datos abiertos" },
];

const ADMIN_NAV: NavItem[] = [
  { to: "/usuarios", label: "Usuarios" },
  { to: "/revisores", label: "Revisores" },
  { to: "/modelo/editor", label: "Editor del modelo" },
  { to: "/institucion", label: "Institución" },
  { to: "/bitacora", label: "Bitácora" },
  { to: "/correo-saliente", label: "Correo saliente" },
];

const STAFF_NAV: NavItem[] = [
  { to: "/tablero", label: "Tablero" },
  { to: "/revision", label: "Revisión" },
  { to: "/brechas", label: "Brechas" },
  { to: "/indicadores", label: "Indicadores" },
  { to: "/convenios", label: "Convenios" },
  { to: "/acompanamiento", label: "Acompañamiento" },
];

const MY_WORK: NavItem = { to: "/mi-trabajo", label: "Mi trabajo" };

function navFor(user: SessionUser | null): NavItem[] {
  if (user?.municipality) {
    return [
      MY_WORK,
      { to: `/municipios/${user.municipality.cvegeo}`, label: "Mi municipio" },
      { to: `/municipios/${user.municipality.cvegeo}/colaboradores`, label: "Colaboradores" },
      { to: "/acompanamiento", label: "Acompañamiento" },
      ...PUBLIC_NAV,
    ];
  }
  if (user?.role === "admin") {
    return [MY_WORK, ...PUBLIC_NAV, ...STAFF_NAV, ...ADMIN_NAV];
  }
  if (user?.role === "reviewer") {
    return [MY_WORK, ...PUBLIC_NAV, ...STAFF_NAV];
  }
  return PUBLIC_NAV;
}

export function SiteHeader() {
  const institution = useInstitution().data;
  const session = useSession();
  const user = session.data?.user ?? null;
  // A temporary password opens nothing but its own change (the server refuses the rest).
  const working = user && !user.mustChangePassword ? user : null;
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the small-screen menu closes on navigation.
  useEffect(() => {
    setMenuOpen(false);
  }, [location.pathname]);

  const onSignInPage = location.pathname === "/iniciar-sesion";
  return (
    <header className="site-header">
      <div className="site-header__bar container">
        <Link to="/" className="brand">
          {institution?.logoUrl ? (
            <img className="brand__logo" src={institution.logoUrl} alt="" />
          ) : null}
          <span className="brand__text">
            {institution ? (
              <span className="brand__institution">
                <strong>{institution.shortName}</strong>
                <span className="brand__unit">{institution.unitName}</span>
              </span>
            ) : null}
            <span className="brand__app">{APP_NAME}</span>
          </span>
        </Link>
        {working ? <NotificationBell /> : null}
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={menuOpen}
          aria-controls="navegacion-principal"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span className="nav-toggle__icon" aria-hidden="true" />
          Menú
        </button>
      </div>
      <div className={menuOpen ? "site-nav site-nav--open" : "site-nav"} id="navegacion-principal">
        <div className="site-nav__inner container">
          <nav aria-label="Principal">
            <ul className="site-nav__list">
              {navFor(working).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} className="site-nav__link">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="site-nav__account">
            {user ? <UserMenu user={user} /> : null}
            {!user && !session.isPending && !onSignInPage ? (
              <Link
                to={signInPath(location.pathname + location.search)}
                className="button button--primary button--small"
              >
                Iniciar sesión
              </Link>
            ) : null}
          </div>
        </div>
      </div>
    </header>
  );
}
