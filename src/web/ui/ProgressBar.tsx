/** A determinate progress bar (0 to 1) with its percentage in words. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="progress">
      <progress className="progress__bar" max={100} value={percent} aria-label={label} />
      <span className="progress__text" aria-hidden="true">
        {percent} %
      </span>
    </div>
  );
}
