/**
 * A guided document as it was sent with a submission, read-only and without the editor: the
 * reviewer reads the structured content beside the signed file.
 */
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import { sectionContent, sectionText } from "../../../domain/document-templates.js";
import { TableHead } from "../../ui/TableHead";

type Sent = NonNullable<ToolInstanceDetail["history"][number]["draft"]>;

export function SentDraft({ draft, number }: { draft: Sent; number: number }) {
  return (
    <details className="stack" data-testid="sent-draft">
      <summary>
        Documento guiado enviado: {draft.template.title} (versión {draft.revision})
      </summary>
      {draft.template.sections.map((section) => {
        const content = sectionContent(draft.content, section);
        const id = `envio-${number}-${section.key}`;
        return (
          <section key={section.key} className="stack" aria-labelledby={id}>
            <h4 id={id}>{section.title}</h4>
            {content.kind === "table" ? (
              <div className="table-wrap">
                <table className="table">
                  <TableHead columns={section.columns} />
                  <tbody>
                    {content.rows.map((row, r) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place.
                      <tr key={r}>
                        {row.map((cell, c) => (
                          <td key={section.columns[c]}>{cell}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="conflict-text">{sectionText(content) || "(sin contenido)"}</p>
            )}
          </section>
        );
      })}
    </details>
  );
}

/** The title of a section of a sent draft, for an observation that points at it. */
export function sentSectionTitle(draft: Sent | null, key: string | null): string | null {
  if (!key) {
    return null;
  }
  return draft?.template.sections.find((section) => section.key === key)?.title ?? key;
}
