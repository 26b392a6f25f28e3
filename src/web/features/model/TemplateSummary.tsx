import { type DocumentTemplate, SECTION_KIND_LABELS } from "../../../domain/document-templates.js";

/**
 * A guided document of a published model, read-only: its title and sections in order, each with
 * its kind, whether it is required, its columns or points, and the guidance in a fold.
 */
export function TemplateSummary({
  owner,
  template,
}: {
  owner: string;
  template: DocumentTemplate;
}) {
  return (
    <section className="tool-card__block" aria-label={`Documento guiado de ${owner}`}>
      <h4 className="tool-card__subtitle">Documento guiado: {template.title}</h4>
      <ol className="template-sections">
        {template.sections.map((section) => (
          <li key={section.key} data-section-key={section.key}>
            <strong>{section.title}</strong>{" "}
            <span className="muted small">
              ({SECTION_KIND_LABELS[section.kind].toLowerCase()},{" "}
              {section.required ? "obligatoria" : "opcional"})
            </span>
            {section.kind === "table" ? (
              <p className="small">Columnas: {section.columns.join(" · ")}</p>
            ) : null}
            {section.kind === "checklist" ? (
              <ul className="small">
                {section.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            ) : null}
            {section.guidance ? (
              <details>
                <summary className="small">Orientación</summary>
                <p className="small">{section.guidance}</p>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
