import { and, eq, isNull } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client.js";
import { agreements, liaisonDesignations, sessions, users } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { conflict, invalid, notFound } from "../../lib/errors.js";

/**
 * Designates a municipality's liaison. The previous liaison's designation ends and their account
 * is deactivated (they lose access to the municipality at once), while everything they did stays
 * attributed to them: the hand-over between municipal administrations every three years.
 */
export async function designateLiaison(
  db: Database,
  options: DesignationOptions,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction((tx) => designateWithin(tx, options, actor, now));
}

export interface DesignationOptions {
  municipality: string;
  userId: string;
  designatedOn: string;
}

/** `designateLiaison` inside the caller's transaction (the XLSX import designates many at once). */
export async function designateWithin(
  tx: Transaction,
  options: DesignationOptions,
  actor: Actor,
  now: Date,
): Promise<void> {
  // Locking the agreement serialises designations per municipality: without it two at once
  // could both find no current liaison (or both end the same one) and the second insert would
  // break the one-current unique index with a 500 (src/server/security/races.test.ts).
  const [agreement] = await tx
    .select({ id: agreements.id })
    .from(agreements)
    .where(eq(agreements.municipalityCvegeo, options.municipality))
    .for("update");
  if (!agreement) {
    throw notFound("El municipio no participa: registre primero su convenio.");
  }
  const [user] = await tx.select().from(users).where(eq(users.id, options.userId));
  if (user?.role !== "liaison" || user.municipalityCvegeo !== options.municipality) {
    throw invalid("userId", "La cuenta debe tener rol de enlace en este municipio.");
  }
  if (!user.active) {
    throw invalid("userId", "La cuenta está desactivada; reactívela antes de designarla.");
  }
  const [current] = await tx
    .select()
    .from(liaisonDesignations)
    .where(
      and(
        eq(liaisonDesignations.municipalityCvegeo, options.municipality),
        isNull(liaisonDesignations.endedAt),
      ),
    )
    .for("update");
  if (current?.userId === user.id) {
    throw conflict("Esa persona ya es el enlace designado del municipio.");
  }
  if (current) {
    await tx
      .update(liaisonDesignations)
      .set({ endedAt: now, endedBy: actor.id })
      .where(eq(liaisonDesignations.id, current.id));
    await tx
      .update(users)
      .set({ active: false, deactivatedAt: now, updatedAt: now })
      .where(eq(users.id, current.userId));
    await tx.delete(sessions).where(eq(sessions.userId, current.userId));
  }
  const [designation] = await tx
    .insert(liaisonDesignations)
    .values({
      municipalityCvegeo: options.municipality,
      userId: user.id,
      designatedOn: options.designatedOn,
      createdBy: actor.id,
    })
    .returning({ id: liaisonDesignations.id });
  await recordAudit(tx, actor, {
    action: "liaison.designated",
    entityType: "liaison_designation",
    entityId: designation?.id ?? null,
    municipality: options.municipality,
    before: current ? { userId: current.userId, designatedOn: current.designatedOn } : null,
    after: {
      userId: user.id,
      email: user.email,
      designatedOn: options.designatedOn,
      previousDeactivated: Boolean(current),
    },
  });
}
