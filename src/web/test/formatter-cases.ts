import { expect, it } from "vitest";

/**
 * One test per case of a formatter: `format(value)` writes `text`. The cases are a table, so a
 * formatter's rules read as its inputs and outputs (a comment above a group says which rule).
 */
export function itWrites<V>(
  format: (value: V) => string,
  cases: readonly (readonly [V, string])[],
) {
  it.each(cases)("writes %s as «%s»", (value, text) => {
    expect(format(value)).toBe(text);
  });
}
