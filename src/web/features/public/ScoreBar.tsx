/**
 * A small horizontal bar for a 0..1 score, beside the figure it illustrates (decorative: the
 * figure is the text). Drawn in SVG because the Content-Security-Policy forbids inline widths.
 */
export function ScoreBar({ score }: { score: number }) {
  const width = Math.round(Math.min(1, Math.max(0, score)) * 1000) / 10;
  return (
    <svg className="score-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
      <rect className="score-bar__track" width="100" height="8" />
      <rect className="score-bar__fill" width={width} height="8" />
    </svg>
  );
}
