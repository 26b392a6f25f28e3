import { useEffect } from "react";
import { useLocation } from "react-router";
import { deliverables } from "../../../domain/model.js";
import { ErrorAlert } from "../../ui/Alert";
import { formatDate, plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { DimensionSection, dimensionAnchor } from "./DimensionSection";
import { usePublishedModel } from "./queries";

/** The model in force, for everyone: dimensions, their tools and what each one asks for. */
export function ModelPage() {
  const model = usePublishedModel();
  const { hash } = useLocation();
  const loaded = model.isSuccess;

  // Links such as /modelo#dimension-E arrive before the content: scroll once it is there.
  useEffect(() => {
    if (loaded && hash) {
      document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
    }
  }, [loaded, hash]);

  if (model.isPending) {
    return (
      <>
        <PageHeader title="Modelo" />
        <Loading label="Cargando el modelo…" />
      </>
    );
  }
  if (model.isError) {
    return (
      <>
        <PageHeader title="Modelo" />
        <ErrorAlert error={model.error} />
      </>
    );
  }
  const { dimensions } = model.data;
  const toolCount = dimensions.reduce((sum, dimension) => sum + dimension.tools.length, 0);
  const deliverableCount = deliverables(model.data).length;
  return (
    <>
      <PageHeader
        title={model.data.label}
        description={
          <>
            <p>
              Versión {model.data.version} del modelo, publicada el{" "}
              {formatDate(model.data.publishedAt)}.
            </p>
            <p className="totals" data-testid="model-totals">
              {plural(dimensions.length, "dimensión", "dimensiones")} ·{" "}
              {plural(toolCount, "herramienta", "herramientas")} ·{" "}
              {plural(deliverableCount, "entregable", "entregables")}
            </p>
          </>
        }
      />
      <nav className="toc" aria-label="Dimensiones del modelo">
        <ul className="toc__list">
          {dimensions.map((dimension) => (
            <li key={dimension.code}>
              <a href={`#${dimensionAnchor(dimension.code)}`} className="toc__link">
                <span className="toc__code">{dimension.code}</span> {dimension.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {dimensions.map((dimension) => (
        <DimensionSection key={dimension.code} dimension={dimension} />
      ))}
    </>
  );
}
