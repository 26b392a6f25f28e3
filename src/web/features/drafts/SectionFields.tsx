/** The structured inputs of a section that is a table, a list or a checklist. */
import type { SectionContent, TemplateSection } from "../../../domain/document-templates.js";
import { Button } from "../../ui/Button";

interface Props<K extends SectionContent["kind"]> {
  section: TemplateSection;
  value: Extract<SectionContent, { kind: K }>;
  readOnly: boolean;
  onChange: (value: Extract<SectionContent, { kind: K }>) => void;
}

export function TableField({ section, value, readOnly, onChange }: Props<"table">) {
  const setCell = (row: number, column: number, text: string) =>
    onChange({
      kind: "table",
      rows: value.rows.map((cells, r) =>
        r === row ? cells.map((cell, c) => (c === column ? text : cell)) : cells,
      ),
    });
  return (
    <div className="stack">
      <div className="table-wrap">
        <table className="table draft-table">
          <caption className="visually-hidden">{section.title}</caption>
          <thead>
            <tr>
              {section.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
              {readOnly ? null : (
                <th scope="col">
                  <span className="visually-hidden">Quitar</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {value.rows.map((cells, row) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place.
              <tr key={row}>
                {cells.map((cell, column) => (
                  <td key={section.columns[column]}>
                    <textarea
                      className="input draft-table__cell"
                      rows={2}
                      aria-label={`${section.columns[column]}, fila ${row + 1}`}
                      value={cell}
                      readOnly={readOnly}
                      onChange={(event) => setCell(row, column, event.target.value)}
                    />
                  </td>
                ))}
                {readOnly ? null : (
                  <td>
                    <Button
                      size="small"
                      variant="ghost"
                      aria-label={`Quitar la fila ${row + 1}`}
                      onClick={() =>
                        onChange({ kind: "table", rows: value.rows.filter((_, r) => r !== row) })
                      }
                    >
                      Quitar
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {readOnly ? null : (
        <div>
          <Button
            size="small"
            onClick={() =>
              onChange({ kind: "table", rows: [...value.rows, section.columns.map(() => "")] })
            }
          >
            Añadir una fila
          </Button>
        </div>
      )}
    </div>
  );
}

export function ListField({ section, value, readOnly, onChange }: Props<"list">) {
  return (
    <div className="stack">
      <ol className="draft-list">
        {value.items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity but their place.
          <li key={index} className="draft-list__item">
            <input
              className="input"
              aria-label={`${section.title}, punto ${index + 1}`}
              value={item}
              readOnly={readOnly}
              onChange={(event) =>
                onChange({
                  kind: "list",
                  items: value.items.map((old, i) => (i === index ? event.target.value : old)),
                })
              }
            />
            {readOnly ? null : (
              <Button
                size="small"
                variant="ghost"
                aria-label={`Quitar el punto ${index + 1}`}
                onClick={() =>
                  onChange({ kind: "list", items: value.items.filter((_, i) => i !== index) })
                }
              >
                Quitar
              </Button>
            )}
          </li>
        ))}
      </ol>
      {readOnly ? null : (
        <div>
          <Button
            size="small"
            onClick={() => onChange({ kind: "list", items: [...value.items, ""] })}
          >
            Añadir un punto
          </Button>
        </div>
      )}
    </div>
  );
}

export function ChecklistField({ section, value, readOnly, onChange }: Props<"checklist">) {
  return (
    <fieldset className="stack">
      <legend className="visually-hidden">{section.title}</legend>
      {value.items.map((item, index) => (
        <label key={item.text} className="choice">
          <input
            type="checkbox"
            checked={item.done}
            disabled={readOnly}
            onChange={(event) =>
              onChange({
                kind: "checklist",
                items: value.items.map((old, i) =>
                  i === index ? { ...old, done: event.target.checked } : old,
                ),
              })
            }
          />{" "}
          {item.text}
        </label>
      ))}
    </fieldset>
  );
}
