// Made once: `toLocaleString` with options builds a new formatter on every call, and a dashboard
// formats hundreds of figures as it renders.
const percentFormat = new Intl.NumberFormat("es-MX", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const daysFormat = new Intl.NumberFormat("es-MX");

/** "41.7 %": a percentage as the dashboards, the report card and the exports show it. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) {
    return "—";
  }
  return `${percentFormat.format(value)} %`;
}

/** "3 días", "1 día". */
export function formatDays(days: number | null): string {
  if (days === null) {
    return "—";
  }
  const rounded = Math.round(days * 10) / 10;
  return `${daysFormat.format(rounded)} ${rounded === 1 ? "día" : "días"}`;
}
