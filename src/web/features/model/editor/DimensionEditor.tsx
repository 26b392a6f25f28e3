import { Badge } from "../../../ui/Badge";
import { Button } from "../../../ui/Button";
import { plural } from "../../../ui/format";
import { type EditorDimension, type EditorTool, itemOf, type ListPlace, newTool } from "./draft";
import { IdentityFields, OrderButtons, useIssue, useIssueCount } from "./fields";
import { ToolEditor } from "./ToolEditor";

interface DimensionEditorProps extends ListPlace {
  path: string;
  dimension: EditorDimension;
  allToolCodes: readonly string[];
  onChange: (dimension: EditorDimension) => void;
  onRemoveTool: (toolIndex: number) => void;
  onToolAdded: (path: string) => void;
}

export function DimensionEditor({
  path,
  dimension,
  allToolCodes,
  onChange,
  onRemoveTool,
  onToolAdded,
  ...place
}: DimensionEditorProps) {
  const issues = useIssueCount(path);
  const toolsIssue = useIssue(`${path}.tools`);
  const owner = `la dimensión ${dimension.code || place.index + 1}`;
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
      <header className="spread-row">
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
            {...itemOf(dimension.tools, toolIndex, setTools)}
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
          {...place}
          owner={owner}
          labels={{
            up: "↑ Subir dimensión",
            down: "↓ Bajar dimensión",
            remove: "Quitar dimensión",
          }}
        />
      </div>
    </section>
  );
}
