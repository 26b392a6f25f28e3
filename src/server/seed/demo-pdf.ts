/**
 * A one-page PDF with a few lines of text, written by hand: the demo seed uploads hundreds of
 * them, and a hand-written file costs microseconds where a layout library costs milliseconds.
 * Valid PDF 1.4 (catalog, page tree, one page, a standard font, a correct cross-reference table),
 * readable by any viewer; accents in WinAnsi (Latin-1).
 */
export function demoPdf(title: string, lines: readonly string[]): Buffer {
  const content = [
    "BT",
    "/F1 18 Tf",
    "72 720 Td",
    `(${escapePdfText(title)}) Tj`,
    "/F1 11 Tf",
    ...lines.flatMap((line) => ["0 -22 Td", `(${escapePdfText(line)}) Tj`]),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    `<< /Title (${escapePdfText(title)}) /Producer (MRTM, datos de demostración) >>`,
  ];
  // The binary comment on line 2 tells transfer tools the file is not plain text.
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) {
    body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  }
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** A PDF literal string: backslash and parentheses escaped, characters outside Latin-1 dropped. */
function escapePdfText(value: string): string {
  return value
    .normalize("NFC")
    .replace(/[^\x20-\x7e\xa0-\xff]/g, "")
    .replace(/[\\()]/g, (c) => `\\${c}`);
}
