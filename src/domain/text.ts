/**
 * Folds text for search: lower case, no accents, single spaces. "Ruíz" and "ruiz" must match,
 * since people type municipality names without accents.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
