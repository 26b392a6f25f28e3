/**
 * Administrations: the institute records each new municipal administration (constitutional term)
 * as it takes office (src/domain/administrations.ts). One transaction with its audit event.
 */
import { asc, eq } from "drizzle-orm";
import type { RecordAdministrationRequest } from "../../../contracts/administrations.js";
import { administrationProblem } from "../../../domain/administrations.js";
import type { Database } from "../../db/client.js";
import { administrations, municipalities } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { AppError, isUniqueViolation, notFound } from "../../lib/errors.js";

/** Records a municipality's new administration. Returns its id. */
export async function recordAdministration(
  db: Database,
  cvegeo: string,
  input: RecordAdministrationRequest,
  actor: Actor,
): Promise<string> {
  try {
    return await db.transaction(async (tx) => {
      // The municipality's row, locked: two administrations recorded at once queue here.
      const [municipality] = await tx
        .select({ cvegeo: municipalities.cvegeo })
        .from(municipalities)
        .where(eq(municipalities.cvegeo, cvegeo))
        .for("update");
      if (!municipality) {
        throw notFound(`No existe un municipio con la clave ${cvegeo}.`);
      }
      const recorded = await tx
        .select()
        .from(administrations)
        .where(eq(administrations.municipalityCvegeo, cvegeo))
        .orderBy(asc(administrations.startsOn));
      const problem = administrationProblem(recorded, input);
      if (problem) {
        throw new AppError(problem.code, problem.message);
      }
      const [created] = await tx
        .insert(administrations)
        .values({
          municipalityCvegeo: cvegeo,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          headName: input.headName.trim(),
          createdBy: actor.id,
        })
        .returning({ id: administrations.id });
      if (!created) {
        throw new Error("insert returned no row");
      }
      const previous = recorded.at(-1);
      await recordAudit(tx, actor, {
        action: "administration.recorded",
        entityType: "administration",
        entityId: created.id,
        municipality: cvegeo,
        before: previous
          ? { startsOn: previous.startsOn, endsOn: previous.endsOn, headName: previous.headName }
          : null,
        after: { startsOn: input.startsOn, endsOn: input.endsOn, headName: input.headName.trim() },
      });
      return created.id;
    });
  } catch (error) {
    if (isUniqueViolation(error, "administrations_start")) {
      throw new AppError(
        "administration_overlaps",
        "Ya hay una administración que empieza ese día.",
      );
    }
    throw error;
  }
}
