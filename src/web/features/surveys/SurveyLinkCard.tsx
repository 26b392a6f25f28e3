import { Link } from "react-router";

/** The link from an M1 tool page to its survey. */
export function SurveyLinkCard({ instanceId }: { instanceId: string }) {
  return (
    <section className="card stack" aria-labelledby="encuesta-titulo">
      <h2 id="encuesta-titulo">Encuesta de satisfacción</h2>
      <p className="small">
        Levante la encuesta de este ciclo con un enlace público y un código QR; al cerrarla, su
        reporte y sus respuestas se agregan aquí como documentos.
      </p>
      <p>
        <Link className="button button--secondary" to={`/herramientas/${instanceId}/encuesta`}>
          Ir a la encuesta
        </Link>
      </p>
    </section>
  );
}
