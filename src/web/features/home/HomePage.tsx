import { Link } from "react-router";
import { APP_NAME } from "../../app/appName";
import { formatDate, plural } from "../../ui/format";
import { Hero, type HeroLink } from "../../ui/Hero";
import { Loading } from "../../ui/Loading";
import { usePageTitle } from "../../ui/PageHeader";
import { useCurrentUser, useSession } from "../auth/session";
import { useInstitution } from "../institution/queries";
import { usePublishedModel } from "../model/queries";
import { PublicHomePage } from "../public/PublicHomePage";
import { servedPortalShell } from "../public/shell";

interface Shortcut {
  to: string;
  title: string;
  text: string;
}

const ADMIN_SHORTCUTS: Shortcut[] = [
  {
    to: "/usuarios",
    title: "Usuarios",
    text: "Cuentas del personal y de los enlaces municipales.",
  },
  {
    to: "/modelo/editor",
    title: "Editor del modelo",
    text: "Borradores y versiones publicadas del modelo.",
  },
  { to: "/institucion", title: "Institución", text: "Nombre, unidad responsable y logotipo." },
  { to: "/bitacora", title: "Bitácora", text: "Registro de todas las acciones en la plataforma." },
];

const HOME_LINKS: readonly HeroLink[] = [
  { to: "/modelo", label: "Consultar el modelo", primary: true },
  { to: "/publico", label: "Avance de los municipios" },
];

/** The front page: the public portal for visitors, the signed-in home for everyone else. */
export function HomePage() {
  const session = useSession();
  if (session.data?.user) {
    return <SignedInHome />;
  }
  // A visitor without a session got the portal's first screen in the HTML: keep showing it while
  // the session is checked. Anyone else waits for the check rather than see the wrong page flash.
  if (session.isPending && !servedPortalShell) {
    return <Loading />;
  }
  return <PublicHomePage />;
}

/** The signed-in home: what the model is, its dimensions, and where to go next. */
function SignedInHome() {
  usePageTitle("");
  const institution = useInstitution().data;
  const model = usePublishedModel().data;
  const user = useCurrentUser();
  const toolCount =
    model?.dimensions.reduce((sum, dimension) => sum + dimension.tools.length, 0) ?? 0;

  return (
    <div className="stack stack--large">
      <Hero
        id="inicio-titulo"
        title={APP_NAME}
        lead={
          <>
            Las herramientas con las que {institution ? institution.shortName : "el órgano garante"}{" "}
            y los ayuntamientos fortalecen la transparencia, el acceso a la información pública y el
            gobierno abierto en cada municipio.
          </>
        }
        meta={
          model ? (
            <>
              {model.label}: {plural(model.dimensions.length, "dimensión", "dimensiones")} ·{" "}
              {plural(toolCount, "herramienta", "herramientas")} · publicado el{" "}
              {formatDate(model.publishedAt)}
            </>
          ) : null
        }
        links={HOME_LINKS}
      />

      {model ? (
        <section aria-labelledby="inicio-dimensiones">
          <h2 id="inicio-dimensiones">Dimensiones del modelo</h2>
          <ul className="card-grid">
            {model.dimensions.map((dimension) => (
              <li key={dimension.code} className="card card--link">
                <Link to={`/modelo#dimension-${dimension.code}`} className="card__link">
                  <span className="code-chip" aria-hidden="true">
                    {dimension.code}
                  </span>{" "}
                  {dimension.name}
                </Link>
                <p className="muted small">
                  {plural(dimension.tools.length, "herramienta", "herramientas")}:{" "}
                  {dimension.tools.map((tool) => tool.code).join(", ")}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {user?.role === "admin" ? (
        <section aria-labelledby="inicio-administracion">
          <h2 id="inicio-administracion">Administración</h2>
          <ul className="card-grid">
            {ADMIN_SHORTCUTS.map((shortcut) => (
              <li key={shortcut.to} className="card card--link">
                <Link to={shortcut.to} className="card__link">
                  {shortcut.title}
                </Link>
                <p className="muted small">{shortcut.text}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
