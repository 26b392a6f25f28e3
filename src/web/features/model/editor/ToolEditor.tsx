import { Badge } from "../../../ui/Badge";
import { plural } from "../../../ui/format";
import type { EditorTool } from "./draft";
import { IdentityFields, OrderButtons, propertyOf, useIssueCount } from "./fields";
import { CriteriaEditor, LevelsEditor, PartsEditor } from "./ListEditors";
import { PeriodEditor } from "./PeriodEditor";
import { TemplateEditor } from "./TemplateEditor";

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
  const field = propertyOf(path, tool, onChange);
  return (
    <details className="editor-tool" data-tool-code={tool.code}>
      <summary className="editor-tool__summary">
        <span className="code-chip">{tool.code || "?"}</span>
        <span className="editor-tool__name">{tool.name || "Herramienta sin nombre"}</span>
        {issues > 0 ? <Badge tone="danger">{plural(issues, "problema", "problemas")}</Badge> : null}
      </summary>
      <div className="editor-tool__body stack">
        <IdentityFields path={path} value={tool} onChange={onChange} />
        <PeriodEditor {...field("period")} />
        <PartsEditor {...field("parts")} owner={owner} />
        {tool.parts.length === 0 ? (
          <TemplateEditor {...field("template")} owner={owner} defaultTitle={tool.name} />
        ) : null}
        <CriteriaEditor {...field("criteria")} owner={owner} />
        <LevelsEditor {...field("maturityLevels")} owner={owner} />
        <div className="button-row editor-tool__actions">
          <OrderButtons
            index={index}
            count={count}
            owner={owner}
            labels={{ remove: "Quitar herramienta" }}
            onMove={onMove}
            onRemove={onRemove}
          />
        </div>
      </div>
    </details>
  );
}
