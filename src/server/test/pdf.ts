import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { PACKAGE_ROOT } from "../config.js";

// pdf.js needs its own copies of the 14 standard fonts to read text set in Helvetica.
const FONTS = `${path.join(PACKAGE_ROOT, "node_modules/pdfjs-dist/standard_fonts")}/`;

/** The text of every page of a PDF, read back with pdf.js, to check what a person would read. */
export async function pdfText(data: Buffer): Promise<string> {
  const document = await getDocument({
    data: new Uint8Array(data),
    standardFontDataUrl: FONTS,
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  await document.destroy();
  return pages.join("\n").replace(/\s+/g, " ");
}
