import { useEffect, useId, useState } from "react";
import { Link, useLocation } from "react-router";
import { signInPath } from "../features/auth/returnPath";
import { useSession } from "../features/auth/session";
import { UserMenu } from "../features/auth/UserMenu";
import { useInstitution } from "../features/institution/queries";
import { NotificationBell } from "../features/notifications/NotificationBell";
import { NavListItem } from "../ui/NavListItem";
import { useDisclosure } from "../ui/useDisclosure";
import { APP_NAME } from "./appName";
import { groupHolds, isNavGroup, type NavGroup, navFor } from "./nav";

/** A group of secondary links: a disclosure button and its list, operable with the keyboard. */
function NavMenu({ group }: { group: NavGroup }) {
  const { open, toggle, rootRef, buttonRef } = useDisclosure();
  const panelId = useId();
  const location = useLocation();
  const current = groupHolds(group, location.pathname);
  return (
    <div className="nav-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={
          current
            ? "site-nav__link nav-menu__button nav-menu__button--current"
            : "site-nav__link nav-menu__button"
        }
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        {group.label}
      </button>
      <ul className="nav-menu__panel" id={panelId} hidden={!open}>
        {group.items.map((item) => (
          <NavListItem key={item.to} link={item} className="nav-menu__link" />
        ))}
      </ul>
    </div>
  );
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
        <div className="site-header__tools">
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
      </div>
      <div className={menuOpen ? "site-nav site-nav--open" : "site-nav"} id="navegacion-principal">
        <div className="site-nav__inner container">
          <nav aria-label="Principal">
            <ul className="site-nav__list">
              {navFor(working).map((entry) =>
                isNavGroup(entry) ? (
                  <li key={entry.label}>
                    <NavMenu group={entry} />
                  </li>
                ) : (
                  <NavListItem key={entry.to} link={entry} className="site-nav__link" />
                ),
              )}
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
