import { Link } from "react-router";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import type { MaturityLevel } from "../../../domain/model.js";
import { asPercent } from "../../../domain/scores.js";
import { formatLocalDate } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { DeadlineNote } from "./DeadlineNote";
import { toolTitle } from "./labels";
import { ImportedNote, StateBadge } from "./StateBadge";

/** Municipality, tool, part, cycle, state and deadline of one instance. */
export function ToolHeader({
  detail,
  annual,
  maturityLevels,
}: {
  detail: ToolInstanceDetail;
  annual: boolean;
  maturityLevels: readonly MaturityLevel[];
}) {
  const maturity = maturityText(detail, maturityLevels);
  return (
    <PageHeader
      title={`${detail.tool} · ${toolTitle(detail)}`}
      description={
        <dl className="meta-list meta-list--wide">
          <div>
            <dt>Municipio</dt>
            <dd>
              <Link to={`/municipios/${detail.municipality.cvegeo}`}>
                {detail.municipality.name}
              </Link>
            </dd>
          </div>
          {annual ? (
            <div>
              <dt>Ciclo</dt>
              <dd>
                Ciclo {detail.cycle} (desde el {formatLocalDate(detail.opensOn)})
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Estado</dt>
            <dd>
              <StateBadge state={detail.state} />
              <ImportedNote importedOn={detail.importedOn} />
            </dd>
          </div>
          {maturity ? (
            <div>
              <dt>Madurez medida</dt>
              <dd>{maturity}</dd>
            </div>
          ) : null}
          <div>
            <dt>Modelo</dt>
            <dd>Versión {detail.modelTool.modelVersion} (la del convenio)</dd>
          </div>
          <div>
            <dt>Plazo</dt>
            <dd>
              {detail.deadline ? formatLocalDate(detail.deadline) : "Sin plazo definido"}{" "}
              {detail.originalDeadline ? (
                <span data-testid="original-deadline">
                  (prorrogado; plazo original: {formatLocalDate(detail.originalDeadline)}){" "}
                </span>
              ) : null}
              <DeadlineNote tool={detail} />
            </dd>
          </div>
        </dl>
      }
    />
  );
}

/**
 * What the latest review measured: "67 %: nivel 2 de 3 (Automatización parcial del proceso)" for
 * tools with levels, "75 %" for tools scored by criteria; null when nothing was measured.
 */
function maturityText(detail: ToolInstanceDetail, levels: readonly MaturityLevel[]): string | null {
  if (detail.maturity === null) {
    return null;
  }
  const percent = `${asPercent(detail.maturity).toLocaleString("es-MX", { minimumFractionDigits: 1 })} %`;
  const reached = [...detail.history].reverse().find((s) => s.review?.maturityLevel != null)
    ?.review?.maturityLevel;
  const top = levels.at(-1)?.level;
  if (reached === undefined || reached === null || top === undefined) {
    return percent;
  }
  const name = levels.find((level) => level.level === reached)?.name;
  return `${percent}: nivel ${reached} de ${top}${name ? ` (${name})` : ""}`;
}
