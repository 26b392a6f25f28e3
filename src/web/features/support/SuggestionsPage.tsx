import { Link } from "react-router";
import type { Suggestions } from "../../../contracts/support.js";
import { ErrorAlert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { formatLocalDate, plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { SelectField } from "../../ui/SelectField";
import { Table } from "../../ui/Table";
import { useSearchFilters } from "../../ui/useUrlFilters";
import { prefillPath } from "./actionForm";
import { useSuggestions } from "./queries";
import { SupportNav } from "./SupportNav";
import "./support.css";

function readFilters(search: URLSearchParams) {
  return { tool: search.get("herramienta") ?? "", cohort: search.get("cohorte") ?? "" };
}

const names = (list: { name: string }[]) => list.map((m) => m.name).join(", ");

/**
 * Suggestions from the gaps (a tool pending or overdue): per tool by cohort, municipalities that
 * share several gaps, and each municipality's own list, each one click away from a pre-filled
 * training or working meeting.
 */
export function SuggestionsPage() {
  const suggestions = useSuggestions();
  const {
    filters: { tool, cohort },
    update,
  } = useSearchFilters(readFilters);

  const data = suggestions.data;
  const cohorts = data ? [...new Set(data.municipalities.map((m) => m.cohort))].sort() : [];
  return (
    <div className="stack stack--large">
      <PageHeader
        title="Sugerencias de acompañamiento"
        description={
          <p>
            A partir de las brechas de los municipios participantes: herramientas pendientes de
            elaboración o vencidas sin validar
            {data ? `, al ${formatLocalDate(data.today)}` : ""}.
          </p>
        }
      />
      <SupportNav />
      {suggestions.isPending ? <Loading label="Calculando las sugerencias…" /> : null}
      <ErrorAlert error={suggestions.error} />
      {data ? (
        <>
          <search className="toolbar filters support-filters" aria-label="Filtrar sugerencias">
            <SelectField
              label="Herramienta"
              value={tool}
              onChange={(value) => update({ herramienta: value })}
              blank="Todas"
              options={data.tools.map((t) => ({
                value: t.tool,
                label: `${t.tool} · ${t.toolName}`,
              }))}
            />
            <SelectField
              label="Cohorte"
              value={cohort}
              onChange={(value) => update({ cohorte: value })}
              blank="Todas"
              options={cohorts.map((name) => ({ value: name, label: name }))}
            />
          </search>
          {data.municipalities.length === 0 ? (
            <p className="empty">
              Ningún municipio participante tiene brechas: no hay sugerencias.
            </p>
          ) : (
            <>
              <SharedGroups data={data} tool={tool} cohort={cohort} />
              <ByTool data={data} tool={tool} cohort={cohort} />
              <ByMunicipality data={data} tool={tool} cohort={cohort} />
            </>
          )}
        </>
      ) : null}
    </div>
  );
}

interface SectionProps {
  data: Suggestions;
  tool: string;
  cohort: string;
}

function SharedGroups({ data, tool, cohort }: SectionProps) {
  const groups = data.sharedGroups.filter(
    (group) => (!tool || group.tools.includes(tool)) && (!cohort || group.cohorts.includes(cohort)),
  );
  const toolName = (code: string) => data.tools.find((t) => t.tool === code)?.toolName ?? code;
  return (
    <section className="stack" aria-labelledby="comunes-titulo">
      <h2 id="comunes-titulo">Brechas en común</h2>
      <p className="muted">
        Municipios que comparten varias brechas: una capacitación conjunta las atiende a la vez.
      </p>
      {groups.length === 0 ? (
        <p className="empty">No hay grupos de municipios con dos o más brechas en común.</p>
      ) : (
        <ul className="suggestion-grid">
          {groups.map((group) => {
            const key = `${group.tools.join("-")}:${group.municipalities.map((m) => m.cvegeo).join("-")}`;
            return (
              <li key={key} className="card stack suggestion" data-shared-group={key}>
                <h3 className="suggestion__title">
                  {plural(group.municipalities.length, "municipio", "municipios")} ·{" "}
                  {plural(group.tools.length, "herramienta", "herramientas")}
                </h3>
                <p>
                  {group.tools.map((code) => (
                    <span key={code} className="code-chip" title={toolName(code)}>
                      {code}
                    </span>
                  ))}
                </p>
                <p className="small">{names(group.municipalities)}</p>
                <p className="muted small">
                  {group.cohorts.join(", ")} · {plural(group.addressedGaps, "brecha", "brechas")}{" "}
                  atendidas
                </p>
                <Link
                  className="button button--primary button--small"
                  to={prefillPath(
                    "training",
                    group.tools,
                    group.municipalities.map((m) => m.cvegeo),
                  )}
                >
                  Programar capacitación grupal
                  <span className="visually-hidden"> sobre {group.tools.join(", ")}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function ByTool({ data, tool, cohort }: SectionProps) {
  const tools = data.tools.filter((t) => !tool || t.tool === tool);
  return (
    <section className="stack" aria-labelledby="por-herramienta-titulo">
      <h2 id="por-herramienta-titulo">Por herramienta</h2>
      <div className="suggestion-grid">
        {tools.map((t) => {
          const groups = t.cohorts.filter((c) => !cohort || c.cohort === cohort);
          if (groups.length === 0) {
            return null;
          }
          return (
            <article
              key={t.tool}
              className="card stack suggestion"
              aria-labelledby={`herramienta-${t.tool}`}
              data-tool-suggestion={t.tool}
            >
              <h3 id={`herramienta-${t.tool}`} className="suggestion__title">
                <span className="mono">{t.tool}</span> {t.toolName}
              </h3>
              <p className="muted small">
                {plural(t.total, "municipio con la brecha", "municipios con la brecha")}
                {t.overdue > 0 ? ` · ${plural(t.overdue, "vencida", "vencidas")}` : ""}
              </p>
              <ul className="suggestion__cohorts">
                {groups.map((group) => (
                  <li key={group.cohort} className="stack" data-cohort={group.cohort}>
                    <h4>
                      {group.cohort}{" "}
                      <span className="muted small">({group.municipalities.length})</span>
                    </h4>
                    <p className="small">
                      {group.municipalities.map((m, index) => (
                        <span key={m.cvegeo}>
                          {index > 0 ? ", " : ""}
                          {m.name}{" "}
                          <span className="muted">({plural(m.gapCount, "brecha", "brechas")})</span>
                        </span>
                      ))}
                    </p>
                    <Link
                      className="button button--secondary button--small"
                      to={prefillPath(
                        "training",
                        [t.tool],
                        group.municipalities.map((m) => m.cvegeo),
                      )}
                    >
                      Programar capacitación grupal
                      <span className="visually-hidden">
                        {" "}
                        sobre {t.tool} para {group.cohort}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </article>
          );
        })}
      </div>
    </section>
  );
}

function ByMunicipality({ data, tool, cohort }: SectionProps) {
  const municipalities = data.municipalities.filter(
    (m) => (!cohort || m.cohort === cohort) && (!tool || m.gaps.some((gap) => gap.tool === tool)),
  );
  return (
    <section className="stack" aria-labelledby="por-municipio-titulo">
      <h2 id="por-municipio-titulo">Por municipio</h2>
      <Table
        caption="Brechas por municipio"
        className="table--stack"
        columns={["Municipio", "Brechas", { label: "Acción sugerida", hidden: true }]}
      >
        {municipalities.map((m) => (
          <tr key={m.cvegeo} data-municipality-gaps={m.cvegeo}>
            <th scope="row" data-label="Municipio">
              <Link to={`/municipios/${m.cvegeo}`}>{m.name}</Link>
              <span className="cell-subtitle">{m.cohort}</span>
            </th>
            <td data-label="Brechas">
              <span className="gap-list">
                {m.gaps.map((gap) => (
                  <span
                    key={gap.tool}
                    className={gap.overdue ? "code-chip code-chip--overdue" : "code-chip"}
                    title={`${gap.toolName}${gap.overdue ? " (vencida)" : ""}`}
                  >
                    {gap.tool}
                    {gap.overdue ? <span className="visually-hidden"> (vencida)</span> : null}
                  </span>
                ))}
              </span>
              {m.gaps.some((gap) => gap.overdue) ? (
                <span className="cell-subtitle">
                  <Badge tone="danger">
                    {plural(m.gaps.filter((g) => g.overdue).length, "vencida", "vencidas")}
                  </Badge>
                </span>
              ) : null}
            </td>
            <td className="actions-cell">
              <Link
                className="button button--secondary button--small"
                to={prefillPath(
                  "working_meeting",
                  m.gaps.map((gap) => gap.tool),
                  [m.cvegeo],
                  m.name,
                )}
              >
                Programar reunión de trabajo
                <span className="visually-hidden"> con {m.name}</span>
              </Link>
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
