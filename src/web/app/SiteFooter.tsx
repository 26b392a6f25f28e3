import { useInstitution } from "../features/institution/queries";
import { APP_NAME } from "./appName";

export function SiteFooter() {
  const institution = useInstitution().data;
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <div>
          <p className="site-footer__app">{APP_NAME}</p>
          {institution ? (
            <p>
              {institution.name}
              <br />
              {institution.unitName} · {institution.stateName}
            </p>
          ) : null}
        </div>
        <div>
          <p className="site-footer__source">
            Fuente de municipios: INEGI, Marco Geoestadístico; Censo de Población y Vivienda 2020.
          </p>
          <p>
            <a href="/api/docs">Documentación de la API</a>
          </p>
        </div>
      </div>
    </footer>
  );
}
