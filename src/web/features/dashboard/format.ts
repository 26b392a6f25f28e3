/** "41.7 %": a percentage as the dashboards, the report card and the exports show it. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) {
    return "—";
  }
  return `${value.toLocaleString("es-MX", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** "3 días", "1 día". */
export function formatDays(days: number | null): string {
  if (days === null) {
    return "—";
  }
  const rounded = Math.round(days * 10) / 10;
  return `${rounded.toLocaleString("es-MX")} ${rounded === 1 ? "día" : "días"}`;
}
