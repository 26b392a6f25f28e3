/**
 * A closed set of codes written once, with the Spanish label of each: the codes, in the order
 * written (none is a number, so the keys keep it), and the labels by code.
 */
export function labelledCodes<Code extends string>(
  labels: Record<Code, string>,
): readonly [codes: readonly [Code, ...Code[]], labels: Readonly<Record<Code, string>>] {
  return [Object.keys(labels) as [Code, ...Code[]], labels];
}
