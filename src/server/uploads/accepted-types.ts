/**
 * The evidence formats the institute can open and archive: documents, spreadsheets and photos,
 * in both Office and OpenDocument flavours. Anything executable, scriptable (HTML, SVG) or opaque
 * (plain ZIP) is out; the list is also what error messages show, hence the Spanish labels.
 */
export const ACCEPTED_TYPES = [
  { ext: "pdf", mime: "application/pdf", label: "PDF" },
  {
    ext: "docx",
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    label: "DOCX",
  },
  {
    ext: "xlsx",
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    label: "XLSX",
  },
  { ext: "odt", mime: "application/vnd.oasis.opendocument.text", label: "ODT" },
  { ext: "ods", mime: "application/vnd.oasis.opendocument.spreadsheet", label: "ODS" },
  { ext: "jpg", mime: "image/jpeg", label: "JPG" },
  { ext: "png", mime: "image/png", label: "PNG" },
] as const;

export type AcceptedType = (typeof ACCEPTED_TYPES)[number];
export type AcceptedExt = AcceptedType["ext"];

/** "PDF, DOCX, XLSX, ODT, ODS, JPG o PNG", for messages and form hints. */
export const ACCEPTED_TYPES_LABEL = `${ACCEPTED_TYPES.slice(0, -1)
  .map((type) => type.label)
  .join(", ")} o ${ACCEPTED_TYPES[ACCEPTED_TYPES.length - 1]?.label}`;
