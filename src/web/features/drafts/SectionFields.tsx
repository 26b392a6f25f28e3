/** The structured inputs of a section that is a table, a list or a checklist. */
import type { SectionContent, TemplateSection } from "../../../domain/document-templates.js";
import { Button } from "../../ui/Button";
import { TableHead } from "../../ui/TableHead";

interface Props<K extends SectionContent["kind"]> {
  section: TemplateSection;
  value: Extract<SectionContent, { kind: K }>;
  readOnly: boolean;
  onChange: (value: Extract<SectionContent, { kind: K }>) => void;
}

/** The list without the entry at `index`: rows and points have no identity but their place. */
function without<T>(entries: readonly T[], index: number): T[] {
  return entries.filter((_, i) => i !== index);
}

/** The «Quitar» button of a row or a point; `what` names which, for screen readers. */
function RemoveButton({ what, onRemove }: { what: string; onRemove: () => void }) {
  return (
    <Button size="small" variant="ghost" aria-label={`Quitar ${what}`} onClick={onRemove}>
      Quitar
    </Button>
  );
}

/** The button that adds an empty row or point at the end, on its own line. */
function AddButton({ label, onAdd }: { label: string; onAdd: () => void }) {
  return (
    <div>
      <Button size="small" onClick={onAdd}>
        {label}
      </Button>
    </div>
  );
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
          <TableHead
            columns={[...section.columns, readOnly ? null : { label: "Quitar", hidden: true }]}
          />
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
                    <RemoveButton
                      what={`la fila ${row + 1}`}
                      onRemove={() => onChange({ kind: "table", rows: without(value.rows, row) })}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {readOnly ? null : (
        <AddButton
          label="Añadir una fila"
          onAdd={() =>
            onChange({ kind: "table", rows: [...value.rows, section.columns.map(() => "")] })
          }
        />
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
              <RemoveButton
                what={`el punto ${index + 1}`}
                onRemove={() => onChange({ kind: "list", items: without(value.items, index) })}
              />
            )}
          </li>
        ))}
      </ol>
      {readOnly ? null : (
        <AddButton
          label="Añadir un punto"
          onAdd={() => onChange({ kind: "list", items: [...value.items, ""] })}
        />
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
