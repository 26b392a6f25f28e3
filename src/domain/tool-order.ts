/**
 * Tool codes in the order of the model in force (its dimensions and tools as the model document
 * lists them): how every list of tools a person reads is sorted.
 */

/**
 * `codes` sorted in the model's order, given as the keys of `names` (code → name, in model order);
 * codes the model does not have go last, alphabetically.
 */
export function inModelOrder(
  codes: readonly string[],
  names: ReadonlyMap<string, string>,
): string[] {
  const order = [...names.keys()];
  const rank = (code: string) => {
    const index = order.indexOf(code);
    return index < 0 ? order.length : index;
  };
  return [...codes].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
