import { Table } from "../../ui/Table";
import { numeric } from "../../ui/TableHead";
import { formatPercent, formatPercentValue } from "./queries";

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

/**
 * Each dimension's score as a bar and its figure. `percent`: the scores are already in 0..100
 * (a report card's stored content); otherwise they are 0..1 (the progress service's).
 */
export function DimensionScoresTable({
  caption,
  dimensions,
  percent = false,
}: {
  caption: string;
  dimensions: readonly { code: string; name: string; score: number }[];
  percent?: boolean;
}) {
  return (
    <Table caption={caption} className="table--compact" columns={["Dimensión", numeric("Puntaje")]}>
      {dimensions.map((dimension) => (
        <tr key={dimension.code}>
          <th scope="row">{dimension.name}</th>
          <td className="numeric nowrap">
            <ScoreBar score={percent ? dimension.score / 100 : dimension.score} />
            {percent ? formatPercentValue(dimension.score) : formatPercent(dimension.score)}
          </td>
        </tr>
      ))}
    </Table>
  );
}
