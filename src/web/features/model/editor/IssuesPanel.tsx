import type { ModelContent, ModelIssue } from "../../../../domain/model.js";
import { plural } from "../../../ui/format";
import { describePath } from "./draft";
import { focusField } from "./focusField";

interface IssuesPanelProps {
  issues: readonly ModelIssue[];
  content: ModelContent;
  /** True when the issues are those of unsaved changes rather than the server's for the saved draft. */
  unsaved: boolean;
}

/** What stands between the draft and publication, each issue a button to its field. */
export function IssuesPanel({ issues, content, unsaved }: IssuesPanelProps) {
  if (issues.length === 0) {
    return (
      <div className="alert alert--success" role="status">
        <p>
          {unsaved
            ? "Con los cambios sin guardar, el borrador cumple las reglas para publicarse."
            : "El borrador guardado cumple las reglas para publicarse."}
        </p>
      </div>
    );
  }
  return (
    <section className="alert alert--warning issues" aria-labelledby="problemas-borrador">
      <h2 id="problemas-borrador" className="alert__title">
        {plural(issues.length, "problema impide", "problemas impiden")} publicar
        {unsaved ? " (incluye los cambios sin guardar)" : ""}
      </h2>
      <ul className="issues__list">
        {issues.map((issue) => (
          <li key={`${issue.path}:${issue.message}`}>
            <button type="button" className="link-button" onClick={() => focusField(issue.path)}>
              {describePath(content, issue.path)}
            </button>
            : {issue.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
