import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { errorMessage } from "../ui/Alert";
import { PageHeader } from "../ui/PageHeader";
import { NotFoundPage } from "./NotFoundPage";

/** What a page shows when it fails to render or to load its code. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <NotFoundPage />;
  }
  return (
    <div className="narrow stack">
      <PageHeader title="Algo salió mal" />
      <div className="alert alert--error" role="alert">
        <p>{errorMessage(error)}</p>
      </div>
      <p>
        Recargue la página. Si el problema continúa, avise a la administración de la plataforma.
      </p>
      <p>
        <Link to="/">Ir al inicio</Link>
      </p>
    </div>
  );
}
