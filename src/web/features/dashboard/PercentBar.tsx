/**
 * A horizontal bar for a percentage, beside the figure it illustrates (decorative: the figure is
 * the text), with an optional tick for a reference such as the regional median. SVG, because the
 * Content-Security-Policy forbids inline widths.
 */
export function PercentBar({
  value,
  reference,
  tone = "primary",
}: {
  value: number | null;
  reference?: number | null;
  tone?: "primary" | "danger";
}) {
  const clamp = (v: number) => Math.min(100, Math.max(0, v));
  return (
    <svg
      className={`percent-bar percent-bar--${tone}`}
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      <rect className="percent-bar__track" width="100" height="10" />
      {value !== null ? (
        <rect className="percent-bar__fill" width={clamp(value)} height="10" />
      ) : null}
      {reference !== null && reference !== undefined ? (
        <rect
          className="percent-bar__reference"
          x={clamp(reference) - 0.6}
          width="1.2"
          height="10"
        />
      ) : null}
    </svg>
  );
}
