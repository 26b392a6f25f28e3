import { Link } from "react-router";
import { PageHeader } from "../ui/PageHeader";

export function NotFoundPage() {
  return (
    <div className="narrow stack">
      <PageHeader title="Página no encontrada" />
      <p>
        La dirección que abrió no existe en esta plataforma. Puede que el enlace esté mal escrito o
        que la página se haya movido.
      </p>
      <ul className="link-list">
        <li>
          <Link to="/">Ir al inicio</Link>
        </li>
        <li>
          <Link to="/modelo">Consultar el modelo</Link>
        </li>
        <li>
          <Link to="/municipios">Consultar los municipios</Link>
        </li>
      </ul>
    </div>
  );
}
