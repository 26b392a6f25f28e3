/**
 * A guided document as an editable Word file (docx): the institution and the municipality in the
 * header, each section as a heading with its text, table, list or checklist, and a signature
 * block. The municipality edits it if needed, has it approved and uploads the signed copy.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { PrintBlock } from "../../../domain/document-templates.js";
import { cabildoSessionLine } from "../../lib/pdf-layout.js";
import { itemLines, type PrintedDocument, richBlocks, tableRows } from "./print.js";

const NUMBERED = "numbered";

function runs(block: PrintBlock): TextRun[] {
  return block.runs.flatMap((run) =>
    run.text.split("\n").map(
      (text, index) =>
        new TextRun({
          text,
          bold: run.bold,
          italics: run.italic,
          underline: run.underline ? {} : undefined,
          break: index > 0 ? 1 : undefined,
        }),
    ),
  );
}

function blockParagraph(block: PrintBlock, instance: number): Paragraph {
  switch (block.kind) {
    case "heading":
      return new Paragraph({
        heading: block.level === 2 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4,
        children: runs(block),
      });
    case "bullet":
      return new Paragraph({ bullet: { level: Math.min(block.level, 8) }, children: runs(block) });
    case "numbered":
      return new Paragraph({
        numbering: { reference: NUMBERED, level: Math.min(block.level, 8), instance },
        children: runs(block),
      });
    default:
      return new Paragraph({
        indent: block.level > 0 ? { left: 720 * block.level } : undefined,
        children: runs(block),
      });
  }
}

const border = { style: BorderStyle.SINGLE, size: 4, color: "999999" };

function cell(text: string, header: boolean): TableCell {
  return new TableCell({
    borders: { top: border, bottom: border, left: border, right: border },
    children: text
      .split("\n")
      .map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: header })] })),
  });
}

function sectionBody(printed: PrintedDocument["sections"][number], instance: number) {
  const { section, content } = printed;
  const body: (Paragraph | Table)[] = [];
  if (content.kind === "rich_text") {
    const blocks = richBlocks(content);
    body.push(...blocks.map((block) => blockParagraph(block, instance)));
  } else if (content.kind === "table") {
    body.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            tableHeader: true,
            children: section.columns.map((column) => cell(column, true)),
          }),
          ...tableRows(content).map(
            (row) => new TableRow({ children: row.map((value) => cell(value, false)) }),
          ),
        ],
      }),
    );
  } else {
    body.push(
      ...itemLines(content).map(
        (line) =>
          new Paragraph({
            bullet: content.kind === "list" ? { level: 0 } : undefined,
            children: [new TextRun(line)],
          }),
      ),
    );
  }
  return body;
}

/** The .docx bytes of a guided document. */
export async function draftDocx(printed: PrintedDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: printed.institution.name, bold: true })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, text: printed.institution.unitName }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      text: printed.title,
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, text: printed.subtitle }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: printed.stamp, italics: true, color: "555555" })],
    }),
  ];
  printed.sections.forEach((entry, index) => {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: entry.section.title }));
    children.push(...sectionBody(entry, index + 1));
  });
  children.push(
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: "Aprobación" }),
    new Paragraph(cabildoSessionLine("Aprobado")),
    new Paragraph({ text: "" }),
    new Paragraph({
      text: "________________________________        ________________________________",
    }),
    new Paragraph({
      text: "Presidencia municipal                                 Enlace de transparencia",
    }),
  );
  const document = new Document({
    creator: `Municipio de ${printed.municipality}`,
    title: printed.title,
    description: printed.subtitle,
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${printed.title} · página `, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
