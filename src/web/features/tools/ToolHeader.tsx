import { Link } from "react-router";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import type { MaturityLevel } from "../../../domain/model.js";
import { asPercent } from "../../../domain/scores.js";
import { Detail } from "../../ui/Detail";
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
          <Detail term="Municipio">
            <Link to={`/municipios/${detail.municipality.cvegeo}`}>{detail.municipality.name}</Link>
          </Detail>
          {annual ? (
            <Detail term="Ciclo">
              Ciclo {detail.cycle} (desde el {formatLocalDate(detail.opensOn)})
            </Detail>
          ) : null}
          <Detail term="Estado">
            <StateBadge state={detail.state} />
            <ImportedNote importedOn={detail.importedOn} />
          </Detail>
          {maturity ? <Detail term="Madurez medida">{maturity}</Detail> : null}
          <Detail term="Modelo">Versión {detail.modelTool.modelVersion} (la del convenio)</Detail>
          <Detail term="Plazo">
            {detail.deadline ? formatLocalDate(detail.deadline) : "Sin plazo definido"}{" "}
            {detail.originalDeadline ? (
              <span data-testid="original-deadline">
                (prorrogado; plazo original: {formatLocalDate(detail.originalDeadline)}){" "}
              </span>
            ) : null}
            <DeadlineNote tool={detail} />
          </Detail>
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
