import { Badge } from "../../../ui/Badge";
import { Button } from "../../../ui/Button";
import { plural } from "../../../ui/format";
import type { EditorTool } from "./draft";
import { NumberInput, TextInput, useIssueCount } from "./fields";
import { CriteriaEditor, LevelsEditor, PartsEditor } from "./ListEditors";
import { PeriodEditor } from "./PeriodEditor";

interface ToolEditorProps {
  path: string;
  tool: EditorTool;
  index: number;
  count: number;
  onChange: (tool: EditorTool) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}

/** One tool of a draft, folded under its code and name. */
export function ToolEditor({
  path,
  tool,
  index,
  count,
  onChange,
  onMove,
  onRemove,
}: ToolEditorProps) {
  const issues = useIssueCount(path);
  const owner = tool.code || `herramienta ${index + 1}`;
  return (
    <details className="editor-tool" data-tool-code={tool.code}>
      <summary className="editor-tool__summary">
        <span className="code-chip">{tool.code || "?"}</span>
        <span className="editor-tool__name">{tool.name || "Herramienta sin nombre"}</span>
        {issues > 0 ? <Badge tone="danger">{plural(issues, "problema", "problemas")}</Badge> : null}
      </summary>
      <div className="editor-tool__body stack">
        <div className="form-grid form-grid--code-name-weight">
          <TextInput
            path={`${path}.code`}
            label="Clave"
            maxLength={10}
            value={tool.code}
            onChange={(code) => onChange({ ...tool, code: code.toUpperCase() })}
            required
          />
          <TextInput
            path={`${path}.name`}
            label="Nombre"
            value={tool.name}
            onChange={(name) => onChange({ ...tool, name })}
            required
          />
          <NumberInput
            path={`${path}.weight`}
            label="Peso"
            min={0}
            max={1000}
            value={tool.weight}
            onChange={(weight) => onChange({ ...tool, weight })}
          />
        </div>
        <TextInput
          path={`${path}.description`}
          label="Descripción"
          multiline
          maxLength={4000}
          value={tool.description}
          onChange={(description) => onChange({ ...tool, description })}
        />
        <PeriodEditor
          path={`${path}.period`}
          period={tool.period}
          onChange={(period) => onChange({ ...tool, period })}
        />
        <PartsEditor
          path={`${path}.parts`}
          owner={owner}
          items={tool.parts}
          onChange={(parts) => onChange({ ...tool, parts })}
        />
        <CriteriaEditor
          path={`${path}.criteria`}
          owner={owner}
          items={tool.criteria}
          onChange={(criteria) => onChange({ ...tool, criteria })}
        />
        <LevelsEditor
          path={`${path}.maturityLevels`}
          owner={owner}
          items={tool.maturityLevels}
          onChange={(maturityLevels) => onChange({ ...tool, maturityLevels })}
        />
        <div className="button-row editor-tool__actions">
          <Button
            size="small"
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={`Subir ${owner}`}
          >
            ↑ Subir
          </Button>
          <Button
            size="small"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={`Bajar ${owner}`}
          >
            ↓ Bajar
          </Button>
          <Button size="small" variant="danger" onClick={onRemove} aria-label={`Quitar ${owner}`}>
            Quitar herramienta
          </Button>
        </div>
      </div>
    </details>
  );
}
