import { INSTITUTION_TIME_ZONE, parseLocalDate } from "../../domain/dates.js";

/** dd/mm/aaaa, as the interface and documents show dates. */
export function formatDateEs(date: string): string {
  const { year, month, day } = parseLocalDate(date);
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}

/** dd/mm/aaaa hh:mm in the institution's time zone. */
export function formatDateTimeEs(instant: Date): string {
  return new Intl.DateTimeFormat("es-MX", {
    timeZone: INSTITUTION_TIME_ZONE,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  })
    .format(instant)
    .replace(",", "");
}
