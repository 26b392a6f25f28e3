import { asc, eq } from "drizzle-orm";
import type { Administration } from "../../../contracts/administrations.js";
import { administrationOn } from "../../../domain/administrations.js";
import { localDateOf } from "../../../domain/dates.js";
import type { Executor } from "../../db/client.js";
import { administrations, users } from "../../db/schema/index.js";

/** A municipality's administrations, oldest first, the one in office today marked current. */
export async function listAdministrations(
  db: Executor,
  cvegeo: string,
  now: Date,
): Promise<Administration[]> {
  const rows = await db
    .select({ administration: administrations, createdBy: users.name })
    .from(administrations)
    .leftJoin(users, eq(users.id, administrations.createdBy))
    .where(eq(administrations.municipalityCvegeo, cvegeo))
    .orderBy(asc(administrations.startsOn));
  const current = administrationOn(
    rows.map((row) => row.administration),
    localDateOf(now),
  );
  return rows.map(({ administration, createdBy }) => ({
    id: administration.id,
    startsOn: administration.startsOn,
    endsOn: administration.endsOn,
    headName: administration.headName,
    current: administration.id === current?.id,
    createdBy,
    createdAt: administration.createdAt.toISOString(),
  }));
}
