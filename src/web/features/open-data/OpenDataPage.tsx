import { Fragment } from "react";
import { Link } from "react-router";
import type { OpenDataCatalog } from "../../../contracts/public.js";
import { ErrorAlert } from "../../ui/Alert";
import { formatLocalDate, formatNumber } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { useOpenDataCatalog } from "./queries";
import "./open-data.css";

const TYPE_LABELS: Record<OpenDataCatalog["datasets"][number]["fields"][number]["type"], string> = {
  texto: "Texto",
  entero: "Número entero",
  decimal: "Número decimal",
  fecha: "Fecha (aaaa-mm-dd)",
  booleano: "Booleano (true / false)",
};

/** The formats each dataset is downloaded in: the catalog's address of each, its name, its button. */
const FORMATS = [
  { address: "csv", name: "CSV", button: "button button--primary" },
  { address: "json", name: "JSON", button: "button button--secondary" },
] as const;

/** The open data: downloads in CSV and JSON at stable addresses, with their data dictionary. */
export function OpenDataPage() {
  const catalog = useOpenDataCatalog();
  return (
    <div className="stack stack--large">
      <PageHeader
        title="Datos abiertos"
        description={
          <p>
            El avance de los municipios en el modelo, en formatos abiertos y legibles por máquina,
            para descargar, reutilizar y redistribuir libremente.
          </p>
        }
      />
      {catalog.isPending ? <Loading label="Cargando el catálogo de datos…" /> : null}
      <ErrorAlert error={catalog.error} />
      {catalog.data ? <Catalog catalog={catalog.data} /> : null}
    </div>
  );
}

function Catalog({ catalog }: { catalog: OpenDataCatalog }) {
  const origin = window.location.origin;
  return (
    <>
      <section aria-labelledby="datos-conjuntos" className="stack">
        <h2 id="datos-conjuntos">Conjuntos de datos</h2>
        <p>
          Cifras al {formatLocalDate(catalog.asOf)}. Los archivos se generan con los datos vigentes
          en el momento de la descarga; sus direcciones no cambian.
        </p>
        <ul className="card-grid open-data__datasets">
          {catalog.datasets.map((dataset) => (
            <li key={dataset.id} className="card stack">
              <h3 className="card__title">{dataset.title}</h3>
              <p>{dataset.description}</p>
              <p className="muted small">{formatNumber(dataset.rows)} filas</p>
              <div className="button-row">
                {FORMATS.map((format) => (
                  <a
                    key={format.address}
                    className={format.button}
                    href={dataset[format.address]}
                    download
                    aria-label={`Descargar ${format.name}: ${dataset.title}`}
                  >
                    {`Descargar ${format.name}`}
                  </a>
                ))}
              </div>
              <dl className="open-data__urls">
                {FORMATS.map((format) => (
                  <Fragment key={format.address}>
                    <dt>{format.name}</dt>
                    <dd className="mono">{origin + dataset[format.address]}</dd>
                  </Fragment>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="datos-diccionario" className="stack">
        <h2 id="datos-diccionario">Diccionario de datos</h2>
        <p>
          Los CSV están en UTF-8 con BOM (Excel los abre con sus acentos), separados por comas, con
          una fila de encabezados y comillas dobles donde hace falta (RFC 4180). Los JSON son una
          lista de objetos con los mismos campos. Las fechas siguen el formato aaaa-mm-dd; los
          porcentajes van de 0 a 100 con un decimal; un campo vacío (o null) significa que el dato
          no aplica. Cómo se calculan el índice, los puntajes de las dimensiones y las entregas a
          tiempo, con los pesos del modelo vigente, se explica en la{" "}
          <Link to={catalog.methodology}>metodología del índice</Link>.
        </p>
        {catalog.datasets.map((dataset) => (
          <div key={dataset.id} className="stack">
            <h3 id={`diccionario-${dataset.id}`}>{dataset.title}</h3>
            <dl className="panel dictionary">
              {dataset.fields.map((field) => (
                <div key={field.name} className="dictionary__item">
                  <dt className="dictionary__name mono">{field.name}</dt>
                  <dd className="dictionary__type">{TYPE_LABELS[field.type]}</dd>
                  <dd className="dictionary__description">{field.description}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </section>

      <section aria-labelledby="datos-api" className="stack">
        <h2 id="datos-api">API pública</h2>
        <p>
          Los mismos datos se consultan sin registro en la API de lectura: el resumen de todos los
          municipios (<span className="mono">/api/public/summary</span>), la ficha de cada uno (
          <span className="mono">/api/public/municipalities/&#123;clave INEGI&#125;</span>) y este
          catálogo (<span className="mono">/api/public/open-data</span>). Su documentación está en{" "}
          <a href="/api/docs">la documentación de la API</a>, en las secciones «Datos abiertos» y
          «Público». Las respuestas se pueden guardar en caché un minuto.
        </p>
      </section>

      <section aria-labelledby="datos-licencia" className="stack">
        <h2 id="datos-licencia">Licencia</h2>
        <p>
          {catalog.licence.name}: puede copiar, distribuir, adaptar y usar estos datos, incluso con
          fines comerciales, citando la fuente: «{catalog.licence.attribution}». Texto de la
          licencia:{" "}
          <a className="break" href={catalog.licence.url}>
            {catalog.licence.url}
          </a>
          .
        </p>
        <p>
          No contienen datos personales: ni nombres ni correos de servidores públicos, ni
          borradores, ni observaciones de revisión. Para saber qué pide cada herramienta, consulte{" "}
          <Link to="/modelo">el modelo</Link>.
        </p>
      </section>
    </>
  );
}
