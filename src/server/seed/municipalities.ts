import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { foldForSearch } from "../../domain/text.js";
import { PACKAGE_ROOT } from "../config.js";
import type { Executor } from "../db/client.js";
import { municipalities } from "../db/schema/index.js";

export const MUNICIPALITIES_CSV = path.join(PACKAGE_ROOT, "assets/edomex/municipios.csv");

export interface MunicipalityRecord {
  cvegeo: string;
  cveMun: string;
  name: string;
  population2020: number | null;
}

/** Parses INEGI's `cvegeo,cve_mun,nombre,poblacion_2020` file (no quoting is used in it). */
export function parseMunicipalitiesCsv(text: string): MunicipalityRecord[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  if (header?.trim() !== "cvegeo,cve_mun,nombre,poblacion_2020") {
    throw new Error(`Unexpected header in municipalities CSV: ${header}`);
  }
  return lines.map((line, index) => {
    const fields = line.split(",");
    const [cvegeo, cveMun, name, population] = fields;
    if (fields.length !== 4 || !cvegeo || !/^\d{5}$/.test(cvegeo) || !cveMun || !name) {
      throw new Error(`Malformed municipalities CSV line ${index + 2}: ${line}`);
    }
    return { cvegeo, cveMun, name, population2020: population ? Number(population) : null };
  });
}

/** Loads or refreshes the catalogue; keys never change, names and populations may. */
export async function seedMunicipalities(
  db: Executor,
  records: MunicipalityRecord[],
): Promise<void> {
  await db
    .insert(municipalities)
    .values(
      records.map((record) => ({
        ...record,
        stateCode: record.cvegeo.slice(0, 2),
        nameFolded: foldForSearch(record.name),
      })),
    )
    .onConflictDoUpdate({
      target: municipalities.cvegeo,
      set: {
        name: sql`excluded.name`,
        nameFolded: sql`excluded.name_folded`,
        cveMun: sql`excluded.cve_mun`,
        population2020: sql`excluded.population_2020`,
      },
    });
}

export function readMunicipalitiesCsv(): MunicipalityRecord[] {
  return parseMunicipalitiesCsv(fs.readFileSync(MUNICIPALITIES_CSV, "utf8"));
}
