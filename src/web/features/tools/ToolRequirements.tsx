import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import { periodRule } from "../../../domain/methodology.js";
import { Detail } from "../../ui/Detail";
import { CriteriaList, LevelList } from "../model/ReviewLists";

/**
 * What the tool asks for, as the municipality's model version (its agreement's) words it: the
 * description, its parts (this instance's marked), what the review checks (criteria or maturity
 * levels) and how the deadline is set.
 */
export function ToolRequirements({ detail }: { detail: ToolInstanceDetail }) {
  const { modelTool } = detail;
  return (
    <section className="card stack tool-requirements" aria-labelledby="requisitos-titulo">
      <h2 id="requisitos-titulo">Qué pide la herramienta</h2>
      {modelTool.description ? <p>{modelTool.description}</p> : null}
      {modelTool.parts.length > 0 ? (
        <div className="stack">
          <h3>Componentes</h3>
          <p className="small">
            Cada componente se entrega y se revisa por separado; la herramienta se cumple cuando
            todos están validados.
          </p>
          <ul className="part-list">
            {modelTool.parts.map((part) => (
              <li key={part.code} data-part-code={part.code}>
                <span className="part-list__code">{part.code})</span>{" "}
                <span className="part-list__name">{part.name}</span>
                {part.code === detail.part ? <strong> (esta página)</strong> : null}
                {part.description ? (
                  <span className="part-list__description"> {part.description}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {modelTool.criteria.length > 0 ? (
        <div className="stack">
          <h3>Lo que revisa el revisor</h3>
          <p className="small">
            Cada criterio se califica con 1 (cumple), 0.5 (en parte) o 0 (no cumple).
          </p>
          <CriteriaList criteria={modelTool.criteria} />
        </div>
      ) : null}
      {modelTool.maturityLevels.length > 0 ? (
        <div className="stack">
          <h3>Niveles de madurez</h3>
          <p className="small">El revisor registra el nivel que alcanza el municipio.</p>
          <LevelList levels={modelTool.maturityLevels} />
        </div>
      ) : null}
      <dl className="meta-list">
        <Detail term="Temporalidad">
          {modelTool.period.label || periodRule(modelTool.period)}
        </Detail>
        <Detail term="Cómo se fija el plazo">{periodRule(modelTool.period)}.</Detail>
      </dl>
    </section>
  );
}
