import type { ReactNode } from "react";

/**
 * One entry of a description list: the term and what it says, wrapped together so that the list's
 * styles (`meta-list`, a grid) lay each entry out as one unit.
 */
export function Detail({
  term,
  className,
  children,
}: {
  term: ReactNode;
  /** Classes of the description (`dd`). */
  className?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className={className}>{children}</dd>
    </div>
  );
}
