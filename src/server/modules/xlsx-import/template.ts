import type { Writable } from "node:stream";
import { DIAGNOSTIC_ANSWER_LABELS } from "../../../domain/diagnostic.js";
import { ROLE_LABELS } from "../../../domain/roles.js";
import { TOOL_STATE_LABELS, TOOL_STATES } from "../../../domain/tool-state.js";
import {
  describeColumns,
  IMPORT_COLUMNS,
  IMPORT_SHEET_NAMES,
  IMPORT_SHEETS,
  type ImportSheet,
} from "../../../domain/xlsx-import.js";
import { excelJs } from "../../lib/lazy-modules.js";
import { HEADER_FILL } from "../../lib/xlsx.js";

const GUIDE: Record<ImportSheet, string[]> = {
  agreements: [
    "Un convenio por municipio. «Convenio»: la fecha de firma (dd/mm/aaaa o celda de fecha).",
    "También se lee la hoja «Resumen» del reporte regional (Tablero › Descargar XLSX).",
  ],
  accounts: [
    `Una cuenta por correo. «Rol»: «${ROLE_LABELS.liaison}» o «${ROLE_LABELS.collaborator}».`,
    "«Designado el»: solo para el enlace designado del municipio; termina la designación anterior.",
    "Cada cuenta nueva recibe por correo un enlace para crear su contraseña (7 días).",
  ],
  states: [
    `«Estado»: ${TOOL_STATES.map((s) => `«${TOOL_STATE_LABELS[s]}»`).join(", ")}.`,
    "«Herramienta»: su clave (M1, R2…); «Parte» y «Ciclo» (1 si se deja vacío) cuando la herramienta los tiene.",
    "«Enviada el» para enviadas, devueltas y validadas; «Validada el» solo para validadas. Quedan marcadas como importadas.",
  ],
  diagnostic: [
    `«Respuesta»: «${DIAGNOSTIC_ANSWER_LABELS.has}» o «${DIAGNOSTIC_ANSWER_LABELS.pending}». Solo en diagnósticos aún no enviados.`,
  ],
};

/** The template: one empty sheet per kind of row, and an «Instrucciones» sheet MRTM does not read. */
export async function writeImportTemplate(output: Writable): Promise<void> {
  const workbook = new (excelJs().stream.xlsx.WorkbookWriter)({ stream: output, useStyles: true });
  const guide = workbook.addWorksheet("Instrucciones");
  guide.columns = [{ width: 120 }];
  guide.addRow([
    "Importación de MRTM: llene las hojas que necesite y deje vacías las demás.",
  ]).font = {
    bold: true,
    size: 14,
  };
  guide.addRow([
    "Primero revise el archivo (revisión previa): nada se escribe hasta «Aplicar». Importar el mismo archivo dos veces no cambia nada.",
  ]);
  guide.addRow(["Solo valores: una celda con fórmula rechaza el archivo."]);
  for (const sheet of IMPORT_SHEETS) {
    guide.addRow([]);
    guide.addRow([`Hoja «${IMPORT_SHEET_NAMES[sheet]}»: ${describeColumns(sheet)}`]).font = {
      bold: true,
    };
    for (const line of GUIDE[sheet]) {
      guide.addRow([line]);
    }
  }
  guide.commit();
  for (const sheet of IMPORT_SHEETS) {
    const headers = Object.values(IMPORT_COLUMNS[sheet]).map((column) => column.header);
    const page = workbook.addWorksheet(IMPORT_SHEET_NAMES[sheet], {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    page.columns = headers.map(() => ({ width: 22 }));
    const row = page.addRow(headers);
    row.font = { bold: true };
    row.eachCell((cell) => {
      cell.fill = HEADER_FILL;
    });
    row.commit();
    page.commit();
  }
  await workbook.commit();
}
