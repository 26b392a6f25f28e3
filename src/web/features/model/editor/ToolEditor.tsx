import { Badge } from "../../../ui/Badge";
import { plural } from "../../../ui/format";
import type { EditorTool, ListPlace } from "./draft";
import { IdentityFields, OrderButtons, propertyOf, useIssueCount } from "./fields";
import { CriteriaEditor, LevelsEditor, PartsEditor } from "./ListEditors";
import { PeriodEditor } from "./PeriodEditor";
import { TemplateEditor } from "./TemplateEditor";

interface ToolEditorProps extends ListPlace {
  path: string;
  tool: EditorTool;
  onChange: (tool: EditorTool) => void;
}

/** One tool of a draft, folded under its code and name. */
export function ToolEditor({ path, tool, onChange, ...place }: ToolEditorProps) {
  const issues = useIssueCount(path);
  const owner = tool.code || `herramienta ${place.index + 1}`;
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
          <OrderButtons {...place} owner={owner} labels={{ remove: "Quitar herramienta" }} />
        </div>
      </div>
    </details>
  );
}
