import PDFDocument from "pdfkit";
import type { App } from "../types.js";
import type { Session } from "./factories.js";

/** A real one-page PDF saying `text`, as a municipality's evidence would be. */
export function samplePdf(text = "Política de Transparencia del Municipio"): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "LETTER", info: { Title: text } });
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.fontSize(18).text(text);
    doc.end();
  });
}

/** A 1×1 PNG. */
export const SAMPLE_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** The bytes of a Linux executable: what a renamed .exe/.elf upload looks like. */
export const SAMPLE_ELF = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
  Buffer.alloc(120),
]);

/** A multipart/form-data body with one file, for app.inject. */
export function multipartBody(
  fileName: string,
  data: Buffer,
  contentType = "application/octet-stream",
) {
  const boundary = `----mrtm${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, data, tail]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** A POST of one file to `url` as `session` (its cookie and CSRF token), as the upload forms send it. */
export function postFile(
  app: App,
  url: string,
  session: Pick<Session, "headers">,
  fileName: string,
  data: Buffer,
) {
  const body = multipartBody(fileName, data);
  return app.inject({
    method: "POST",
    url,
    headers: { ...session.headers, ...body.headers },
    payload: body.payload,
  });
}

/** An M3 report's draft content as a liaison saves it: one paragraph of results. */
export const M3_REPORT = {
  sections: {
    resultados: {
      kind: "rich_text",
      doc: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Atendimos 340 solicitudes." }] },
        ],
      },
    },
  },
};

/** An E4 project card as a liaison sends it: one activity, within its dates. */
export const PROJECT_CARD = {
  title: "Portal de datos abiertos",
  objectives: "Publicar la información más solicitada.",
  expectedResults: "Diez conjuntos de datos publicados.",
  activities: [
    {
      description: "Publicar los datos",
      responsible: "Unidad de Transparencia",
      startsOn: "2027-01-04",
      endsOn: "2027-03-31",
    },
  ],
  budgetAmount: 50000,
  budgetSource: "Recursos propios",
  developmentPlanLink: "Eje transversal: gobierno abierto.",
  startsOn: "2027-01-04",
  endsOn: "2027-03-31",
  status: "planned" as const,
  progress: 0,
};
