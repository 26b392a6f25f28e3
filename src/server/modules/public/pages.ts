/**
 * Paths of the public web pages that server-made documents point to (the open-data dictionary,
 * the report card's PDF). The web router serves them; a PDF prefixes them with MRTM_PUBLIC_URL.
 */

/** The methodology of the index (ficha técnica): how every published figure is computed. */
export const METHODOLOGY_PAGE_PATH = "/metodologia";
