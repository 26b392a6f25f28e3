import { useEffect, useRef } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { CHANGE_PASSWORD_PATH } from "../features/auth/returnPath";
import { useCurrentUser } from "../features/auth/session";
import { DemoPreparingNotice } from "./DemoPreparingNotice";
import { SiteFooter } from "./SiteFooter";
import { SiteHeader } from "./SiteHeader";

/** The page frame: skip link, header and navigation, the routed page, footer. */
export function Layout() {
  const location = useLocation();
  const user = useCurrentUser();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a client-side navigation, move focus to the new content as a page load would, so that
  // keyboard and screen reader users start at the top of the new page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    // A link to a section (/modelo#dimension-E) scrolls there itself.
    if (!location.hash) {
      window.scrollTo(0, 0);
    }
  }, [location.pathname]);

  // A temporary password must be replaced before anything else.
  const mustChange =
    user?.mustChangePassword === true && location.pathname !== CHANGE_PASSWORD_PATH;

  return (
    <div className="app">
      <a className="skip-link" href="#contenido">
        Saltar al contenido
      </a>
      <SiteHeader />
      <main id="contenido" className="site-main container" tabIndex={-1} ref={mainRef}>
        <DemoPreparingNotice />
        {mustChange ? (
          <Navigate
            to={`${CHANGE_PASSWORD_PATH}?volver=${encodeURIComponent(location.pathname + location.search)}`}
            replace
          />
        ) : (
          <Outlet />
        )}
      </main>
      <SiteFooter />
    </div>
  );
}
