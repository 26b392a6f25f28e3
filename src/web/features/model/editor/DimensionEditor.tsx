import { Badge } from "../../../ui/Badge";
import { Button } from "../../../ui/Button";
import { plural } from "../../../ui/format";
import { type EditorDimension, type EditorTool, move, newTool, replaceAt } from "./draft";
import { IdentityFields, OrderButtons, useIssue, useIssueCount } from "./fields";
import { ToolEditor } from "./ToolEditor";

interface DimensionEditorProps {
  path: string;
  dimension: EditorDimension;
  index: number;
  count: number;
  allToolCodes: readonly string[];
  onChange: (dimension: EditorDimension) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  onRemoveTool: (toolIndex: number) => void;
  onToolAdded: (path: string) => void;
}

export function DimensionEditor({
  path,
  dimension,
  index,
  count,
  allToolCodes,
  onChange,
  onMove,
  onRemove,
  onRemoveTool,
  onToolAdded,
}: DimensionEditorProps) {
  const issues = useIssueCount(path);
  const toolsIssue = useIssue(`${path}.tools`);
  const owner = dimension.code ? `la dimensión ${dimension.code}` : `la dimensión ${index + 1}`;
  const titleId = `editor-${dimension.key}`;
  const setTools = (tools: EditorTool[]) => onChange({ ...dimension, tools });

  function addTool() {
    onChange({ ...dimension, tools: [...dimension.tools, newTool(dimension.code, allToolCodes)] });
    onToolAdded(`${path}.tools.${dimension.tools.length}.code`);
  }

  return (
    <section
      className="editor-dimension card"
      aria-labelledby={titleId}
      data-dimension-code={dimension.code}
    >
      <header className="editor-dimension__header">
        <h2 id={titleId} className="editor-dimension__title">
          <span className="dimension__code" aria-hidden="true">
            {dimension.code || "?"}
          </span>
          <span>
            Dimensión {dimension.code}: {dimension.name || "sin nombre"}
          </span>
        </h2>
        <div className="badge-row">
          <Badge>{plural(dimension.tools.length, "herramienta", "herramientas")}</Badge>
          {issues > 0 ? (
            <Badge tone="danger">{plural(issues, "problema", "problemas")}</Badge>
          ) : null}
        </div>
      </header>
      <IdentityFields path={path} value={dimension} onChange={onChange} />
      <h3 className="editor-dimension__subtitle">Herramientas</h3>
      {toolsIssue ? <p className="field__error">{toolsIssue}</p> : null}
      <div className="editor-tools">
        {dimension.tools.map((tool, toolIndex) => (
          <ToolEditor
            key={tool.key}
            path={`${path}.tools.${toolIndex}`}
            tool={tool}
            index={toolIndex}
            count={dimension.tools.length}
            onChange={(next) => setTools(replaceAt(dimension.tools, toolIndex, next))}
            onMove={(delta) => setTools(move(dimension.tools, toolIndex, delta))}
            onRemove={() => onRemoveTool(toolIndex)}
          />
        ))}
      </div>
      <div className="button-row editor-dimension__actions">
        <Button onClick={addTool} aria-label={`Agregar herramienta a ${owner}`}>
          + Agregar herramienta
        </Button>
        <span className="spacer" />
        <OrderButtons
          index={index}
          count={count}
          owner={owner}
          labels={{
            up: "↑ Subir dimensión",
            down: "↓ Bajar dimensión",
            remove: "Quitar dimensión",
          }}
          onMove={onMove}
          onRemove={onRemove}
        />
      </div>
    </section>
  );
}
