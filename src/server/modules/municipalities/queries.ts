import { asc, eq, like, or } from "drizzle-orm";
import type { Municipality } from "../../../contracts/municipalities.js";
import { foldForSearch } from "../../../domain/text.js";
import type { Executor } from "../../db/client.js";
import { municipalities } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";

type Row = typeof municipalities.$inferSelect;

const present = (row: Row): Municipality => ({
  cvegeo: row.cvegeo,
  cveMun: row.cveMun,
  name: row.name,
  population2020: row.population2020,
});

/** All municipalities, or those whose name (accents ignored) or INEGI key matches `q`. */
export async function listMunicipalities(db: Executor, q?: string): Promise<Municipality[]> {
  const base = db.select().from(municipalities);
  const folded = q ? foldForSearch(q).replace(/[\\%_]/g, (c) => `\\${c}`) : "";
  const rows = await (folded === ""
    ? base
    : base.where(
        /^\d+$/.test(folded)
          ? or(like(municipalities.cvegeo, `${folded}%`), like(municipalities.cveMun, `${folded}%`))
          : like(municipalities.nameFolded, `%${folded}%`),
      )
  ).orderBy(asc(municipalities.cvegeo));
  return rows.map(present);
}

export async function getMunicipality(db: Executor, cvegeo: string): Promise<Municipality> {
  const [row] = await db
    .select()
    .from(municipalities)
    .where(eq(municipalities.cvegeo, cvegeo))
    .limit(1);
  if (!row) {
    throw notFound(`No existe un municipio con la clave ${cvegeo}.`);
  }
  return present(row);
}
