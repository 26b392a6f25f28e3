import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Exemption } from "../../../contracts/exemptions.js";
import type { Executor } from "../../db/client.js";
import { toolExemptions, users } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";

const exempter = alias(users, "exempter");
const lifter = alias(users, "lifter");

function selectExemptions(db: Executor) {
  return db
    .select({ exemption: toolExemptions, exemptedBy: exempter.name, liftedBy: lifter.name })
    .from(toolExemptions)
    .leftJoin(exempter, eq(exempter.id, toolExemptions.exemptedBy))
    .leftJoin(lifter, eq(lifter.id, toolExemptions.liftedBy));
}

function present(row: Awaited<ReturnType<typeof selectExemptions>>[number]): Exemption {
  const { exemption } = row;
  return {
    id: exemption.id,
    tool: exemption.toolCode,
    reason: exemption.reason,
    exemptedBy: row.exemptedBy,
    exemptedAt: exemption.exemptedAt.toISOString(),
    active: exemption.liftedAt === null,
    liftedAt: exemption.liftedAt?.toISOString() ?? null,
    liftedBy: row.liftedBy,
    liftReason: exemption.liftReason,
  };
}

/** A municipality's exemptions, in force and lifted, newest first. */
export async function listExemptions(db: Executor, cvegeo: string): Promise<Exemption[]> {
  const rows = await selectExemptions(db)
    .where(eq(toolExemptions.municipalityCvegeo, cvegeo))
    .orderBy(desc(toolExemptions.exemptedAt), desc(toolExemptions.id));
  return rows.map(present);
}

export async function getExemption(db: Executor, id: string): Promise<Exemption> {
  const [row] = await selectExemptions(db).where(eq(toolExemptions.id, id));
  if (!row) {
    throw notFound("La exención no existe.");
  }
  return present(row);
}
