/** Formatting for the es-MX interface: dates as dd/mm/aaaa in Mexico City time. */
const TIME_ZONE = "America/Mexico_City";

const dateFormat = new Intl.DateTimeFormat("es-MX", {
  timeZone: TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

const timeFormat = new Intl.DateTimeFormat("es-MX", {
  timeZone: TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const numberFormat = new Intl.NumberFormat("es-MX");

/** `2022-11-16T…` → `16/11/2022`; an empty string for a missing date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) {
    return "";
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : dateFormat.format(date);
}

/** `16/11/2022 09:30`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) {
    return "";
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ""
    : `${dateFormat.format(date)} ${timeFormat.format(date)}`;
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : numberFormat.format(value);
}

/** "1 herramienta", "18 herramientas". */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${formatNumber(count)} ${count === 1 ? singular : pluralForm}`;
}

/** A calendar date `2022-11-16` → `16/11/2022`, without time-zone shifts; "" when missing. */
export function formatLocalDate(date: string | null | undefined): string {
  const match = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  return match ? `${match[3]}/${match[2]}/${match[1]}` : "";
}

const isoDateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today in Mexico City as `aaaa-mm-dd` (for date inputs). */
export function todayLocalDate(): string {
  return isoDateFormat.format(new Date());
}

/** "2.4 MB", "120 kB" (a size that rounds to 1,024 kB reads "1 MB"). */
export function formatBytes(bytes: number): string {
  const kilobytes = Math.max(1, Math.round(bytes / 1024));
  if (kilobytes >= 1024) {
    return `${(bytes / (1024 * 1024)).toLocaleString("es-MX", { maximumFractionDigits: 1 })} MB`;
  }
  return `${kilobytes.toLocaleString("es-MX")} kB`;
}
