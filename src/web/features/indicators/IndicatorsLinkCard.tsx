import { Link } from "react-router";

/** The link from an M2 tool page to its indicator battery. */
export function IndicatorsLinkCard({ instanceId }: { instanceId: string }) {
  return (
    <section className="card stack" aria-labelledby="indicadores-titulo">
      <h2 id="indicadores-titulo">Batería de indicadores</h2>
      <p className="small">
        Adopte la batería con sus metas (su PDF se agrega aquí como documento) y reporte cada
        periodo; vea las series con su semáforo.
      </p>
      <p>
        <Link className="button button--secondary" to={`/herramientas/${instanceId}/indicadores`}>
          Ir a los indicadores
        </Link>
      </p>
    </section>
  );
}
