import { auditField } from "../../../domain/audit-events.js";
import { TableHead } from "../../ui/TableHead";
import { formatAuditValue, type MunicipalityName } from "./values";

/**
 * The before/after snapshot of an audit event, field by field when both are objects, with the
 * fields' Spanish names and values as people read them (see `values.ts`).
 */
export function ChangeView({
  entityType,
  before,
  after,
  municipalityName,
}: {
  entityType: string;
  before: unknown;
  after: unknown;
  municipalityName: MunicipalityName;
}) {
  const beforeObject = asRecord(before);
  const afterObject = asRecord(after);
  if ((before === null || beforeObject) && (after === null || afterObject)) {
    const keys = [
      ...new Set([...Object.keys(beforeObject ?? {}), ...Object.keys(afterObject ?? {})]),
    ];
    const show = (object: Record<string, unknown> | null, key: string) =>
      object ? formatAuditValue(entityType, key, object[key], municipalityName) : "";
    return (
      <table className="table table--compact change-table">
        <caption className="visually-hidden">Cambios registrados</caption>
        <TableHead columns={["Campo", "Antes", "Después"]} />
        <tbody>
          {keys.map((key) => {
            const was = show(beforeObject, key);
            const is = show(afterObject, key);
            const changed = was !== is;
            return (
              <tr key={key} className={changed ? "change-table__changed" : undefined}>
                <th scope="row" title={key}>
                  {auditField(entityType, key).label}
                  {changed ? <span className="visually-hidden"> (cambió)</span> : null}
                </th>
                <td data-label="Antes">
                  <pre className="change-table__value">{was}</pre>
                </td>
                <td data-label="Después">
                  <pre className="change-table__value">{is}</pre>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }
  const show = (value: unknown) =>
    value === null ? "—" : formatAuditValue(entityType, "", value, municipalityName);
  return (
    <div className="change-columns">
      <div>
        <h4>Antes</h4>
        <pre className="code-block">{show(before)}</pre>
      </div>
      <div>
        <h4>Después</h4>
        <pre className="code-block">{show(after)}</pre>
      </div>
    </div>
  );
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
