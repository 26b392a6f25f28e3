/**
 * A closed set of codes written once, with the Spanish label of each: the codes, in the order
 * written (none is a number, so the keys keep it), and the labels by code.
 */
export function labelledCodes<Code extends string>(
  labels: Record<Code, string>,
): readonly [codes: readonly [Code, ...Code[]], labels: Readonly<Record<Code, string>>] {
  return [Object.keys(labels) as [Code, ...Code[]], labels];
}

/** A refused rule: its stable code (the API answers it as `error.code`) and the Spanish sentence shown to the person. */
export interface RuleProblem<Codes extends readonly string[]> {
  code: Codes[number];
  message: string;
}
