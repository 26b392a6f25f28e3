import { Link } from "react-router";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import { formatLocalDate } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { DeadlineNote } from "./DeadlineNote";
import { toolTitle } from "./labels";
import { StateBadge } from "./StateBadge";

/** Municipality, tool, part, cycle, state and deadline of one instance. */
export function ToolHeader({ detail, annual }: { detail: ToolInstanceDetail; annual: boolean }) {
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
            </dd>
          </div>
          <div>
            <dt>Plazo</dt>
            <dd>
              {detail.deadline ? formatLocalDate(detail.deadline) : "Sin plazo definido"}{" "}
              <DeadlineNote tool={detail} />
            </dd>
          </div>
        </dl>
      }
    />
  );
}
