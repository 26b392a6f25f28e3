import { Link } from "react-router";
import { PageHeader } from "../../ui/PageHeader";

/** Shown when a signed-in person opens a page their role does not allow (HTTP 403). */
export function Forbidden() {
  return (
    <div className="narrow stack">
      <PageHeader title="Sin permiso" />
      <p>
        Su rol no permite consultar esta página. Si cree que debería tener acceso, solicítelo a la
        administración de la plataforma.
      </p>
      <p>
        <Link to="/">Ir al inicio</Link>
      </p>
    </div>
  );
}
