import { type AuditField, auditField, yesNo } from "../../../domain/audit-events.js";
import { TOOL_STATE_LABELS, TOOL_STATES } from "../../../domain/tool-state.js";
import { formatBytes, formatDateTime, formatLocalDate, formatNumber } from "../../ui/format";
import { criterionResultLabel } from "../tools/labels";

/** Names a municipality by its CVEGEO (the list may not be loaded yet: then the code). */
export type MunicipalityName = (cvegeo: string) => string;

/**
 * A value of an audit snapshot as a person reads it: states, roles and statuses by their Spanish
 * names, dates as dd/mm/aaaa and moments as dd/mm/aaaa HH:mm in Mexico City, Sí/No, sizes,
 * municipalities by name; objects one «Campo: valor» per line with the same field names.
 */
export function formatAuditValue(
  entityType: string,
  key: string,
  value: unknown,
  municipalityName: MunicipalityName,
): string {
  return formatField(entityType, auditField(entityType, key), value, municipalityName);
}

function formatField(
  entityType: string,
  field: AuditField,
  value: unknown,
  municipalityName: MunicipalityName,
): string {
  if (value === undefined) {
    return "";
  }
  if (value === null || value === "") {
    return "—";
  }
  if (typeof value === "boolean") {
    return yesNo(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return "—";
    }
    if (field.kind === "criteria") {
      return value.map(criterionLine).join("\n");
    }
    if (field.kind === "fields") {
      return value.map((key) => auditField(entityType, String(key)).label).join(", ");
    }
    if (field.kind === "baseline") {
      return value.map((entry) => baselineLine(entry, municipalityName)).join("\n");
    }
    const item: AuditField =
      field.kind === "municipalities" ? { label: field.label, kind: "municipality" } : field;
    return value
      .map((entry) => formatField(entityType, item, entry, municipalityName))
      .join(field.kind === "list" || field.kind === "municipalities" ? ", " : "\n");
  }
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(
        ([key, nested]) =>
          `${auditField(entityType, key).label}: ${formatAuditValue(entityType, key, nested, municipalityName)}`,
      )
      .join("\n");
  }
  if (typeof value === "number") {
    return field.kind === "bytes" ? formatBytes(value) : formatNumber(value);
  }
  const text = String(value);
  switch (field.kind) {
    case "labelled":
      return field.values?.[text] ?? text;
    case "date":
      return formatLocalDate(text) || formatDateTime(text) || text;
    case "instant":
      return formatDateTime(text) || text;
    case "municipality":
    case "municipalities": {
      const name = municipalityName(text);
      return name === text ? text : `${name} (${text})`;
    }
    default:
      return text;
  }
}

function criterionLine(entry: unknown): string {
  if (entry !== null && typeof entry === "object" && "result" in entry) {
    const { code, result } = entry as { code?: unknown; result: unknown };
    const outcome = typeof result === "number" ? criterionResultLabel(result) : String(result);
    return code ? `${String(code)}: ${outcome}` : outcome;
  }
  return String(entry);
}

/** «15106/E2: pending» (the tools' state when a support action was held) → «Toluca · E2: Pendiente…». */
function baselineLine(entry: unknown, municipalityName: MunicipalityName): string {
  const match = /^([^/]+)\/([^:]+): (.+)$/.exec(String(entry));
  if (!match) {
    return String(entry);
  }
  const [, cvegeo = "", tool = "", state = ""] = match;
  const known = TOOL_STATES.find((candidate) => candidate === state);
  return `${municipalityName(cvegeo)} · ${tool}: ${known ? TOOL_STATE_LABELS[known] : state}`;
}
