import type { Dimension } from "../../../domain/model.js";
import { formatNumber, plural } from "../../ui/format";
import { ToolCard } from "./ToolCard";

export function dimensionAnchor(code: string): string {
  return `dimension-${code}`;
}

export function DimensionSection({ dimension }: { dimension: Dimension }) {
  const anchor = dimensionAnchor(dimension.code);
  return (
    <section
      className="dimension"
      id={anchor}
      data-dimension-code={dimension.code}
      aria-labelledby={`${anchor}-title`}
    >
      <header className="dimension__header">
        <span className="dimension__code" aria-hidden="true">
          {dimension.code}
        </span>
        <div>
          <h2 className="dimension__title" id={`${anchor}-title`}>
            {dimension.name}
          </h2>
          <p className="dimension__meta">
            {plural(dimension.tools.length, "herramienta", "herramientas")} · Peso{" "}
            {formatNumber(dimension.weight)}
          </p>
        </div>
      </header>
      {dimension.description ? (
        <p className="dimension__description">{dimension.description}</p>
      ) : null}
      <div className="tool-grid">
        {dimension.tools.map((tool) => (
          <ToolCard key={tool.code} tool={tool} />
        ))}
      </div>
    </section>
  );
}
