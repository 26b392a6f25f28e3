import { Link } from "react-router";
import type { ToolInstance } from "../../../contracts/participation.js";
import { formatLocalDate } from "../../ui/format";
import { Table } from "../../ui/Table";
import { DeadlineNote } from "./DeadlineNote";
import { ImportedNote, StateBadge } from "./StateBadge";

interface Group {
  code: string;
  name: string;
  tools: ToolInstance[];
}

/** The tools by dimension, in the order the server lists them (the model version's order). */
function groupByDimension(tools: ToolInstance[]): Group[] {
  const groups = new Map<string, Group>();
  for (const tool of tools) {
    const group = groups.get(tool.dimension) ?? {
      code: tool.dimension,
      name: tool.dimensionName,
      tools: [],
    };
    group.tools.push(tool);
    groups.set(tool.dimension, group);
  }
  return [...groups.values()];
}

/** A municipality's tools, grouped by dimension, with state and deadline. */
export function ToolsTable({
  tools,
  headingLevel = 2,
}: {
  tools: ToolInstance[];
  headingLevel?: 2 | 3;
}) {
  // Names and periods come with each instance, from the municipality's model version.
  const groups = groupByDimension(tools);
  if (groups.length === 0) {
    return <p className="empty">El municipio aún no tiene herramientas asignadas.</p>;
  }
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="stack stack--large">
      {groups.map((group) => (
        <section key={group.code} className="stack" aria-labelledby={`dimension-${group.code}`}>
          <Heading id={`dimension-${group.code}`} className="dimension-heading">
            <span className="code-chip" aria-hidden="true">
              {group.code}
            </span>{" "}
            {group.name}
          </Heading>
          <Table
            caption={<>Herramientas de {group.name}</>}
            className="table--stack tools-table"
            columns={["Herramienta", "Estado", "Plazo"]}
          >
            {group.tools.map((tool) => (
              <tr key={tool.id} data-tool={tool.tool} data-part={tool.part ?? ""}>
                <th scope="row" data-label="Herramienta">
                  <Link to={`/herramientas/${tool.id}`} className="cell-title">
                    <span className="mono">{tool.tool}</span> {tool.toolName}
                  </Link>
                  {tool.partName || tool.annual ? (
                    <span className="cell-subtitle">
                      {tool.partName ? `Parte ${tool.part}: ${tool.partName}` : null}
                      {tool.partName && tool.annual ? " · " : null}
                      {tool.annual ? `Ciclo ${tool.cycle}` : null}
                    </span>
                  ) : null}
                </th>
                <td data-label="Estado">
                  <StateBadge state={tool.state} />
                  <ImportedNote importedOn={tool.importedOn} />
                </td>
                <td data-label="Plazo">
                  {tool.deadline ? formatLocalDate(tool.deadline) : "Sin plazo"}
                  {tool.originalDeadline ? (
                    <span className="cell-subtitle">
                      Prorrogado; original: {formatLocalDate(tool.originalDeadline)}
                    </span>
                  ) : null}
                  <span className="cell-subtitle">
                    <DeadlineNote tool={tool} />
                  </span>
                </td>
              </tr>
            ))}
          </Table>
        </section>
      ))}
    </div>
  );
}
