import type { Tool } from "../../../domain/model.js";
import { Badge } from "../../ui/Badge";
import { Detail } from "../../ui/Detail";
import { formatNumber } from "../../ui/format";
import { PERIOD_KIND_LABELS } from "./labels";
import { CriteriaList, LevelList } from "./ReviewLists";
import { TemplateSummary } from "./TemplateSummary";

/**
 * One tool of the published model, with its period, parts, criteria, maturity levels and guided
 * documents (the tool's, or each part's).
 */
export function ToolCard({ tool }: { tool: Tool }) {
  const titleId = `herramienta-${tool.code}`;
  return (
    <article className="tool-card" data-tool-code={tool.code} aria-labelledby={titleId}>
      <header className="tool-card__header">
        {/* The code is said (and copied, and printed) once: as part of the heading. */}
        <h3 className="tool-card__title" id={titleId}>
          <span className="code-chip">{tool.code}</span> {tool.name}
        </h3>
      </header>
      {tool.description ? <p className="tool-card__description">{tool.description}</p> : null}
      <dl className="meta-list">
        <Detail term="Plazo">
          {tool.period.label || PERIOD_KIND_LABELS[tool.period.kind]}{" "}
          {tool.period.kind !== "months" ? (
            <Badge tone="info">{PERIOD_KIND_LABELS[tool.period.kind]}</Badge>
          ) : null}
        </Detail>
        <Detail term="Peso">{formatNumber(tool.weight)}</Detail>
      </dl>
      {tool.parts.length > 0 ? (
        <section className="tool-card__block" aria-label={`Componentes de ${tool.code}`}>
          <h4 className="tool-card__subtitle">Componentes</h4>
          <ul className="part-list">
            {tool.parts.map((part) => (
              <li key={part.code} data-part-code={part.code}>
                <span className="part-list__code">{part.code})</span>{" "}
                <span className="part-list__name">{part.name}</span>
                {part.description ? (
                  <span className="part-list__description"> {part.description}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {tool.template ? <TemplateSummary owner={tool.code} template={tool.template} /> : null}
      {tool.parts.map((part) =>
        part.template ? (
          <TemplateSummary
            key={part.code}
            owner={`${tool.code} ${part.code})`}
            template={part.template}
          />
        ) : null,
      )}
      {tool.criteria.length > 0 ? (
        <section className="tool-card__block" aria-label={`Criterios de ${tool.code}`}>
          <h4 className="tool-card__subtitle">Criterios de revisión</h4>
          <CriteriaList criteria={tool.criteria} />
        </section>
      ) : null}
      {tool.maturityLevels.length > 0 ? (
        <section className="tool-card__block" aria-label={`Niveles de madurez de ${tool.code}`}>
          <h4 className="tool-card__subtitle">Niveles de madurez</h4>
          <LevelList levels={tool.maturityLevels} />
        </section>
      ) : null}
    </article>
  );
}
