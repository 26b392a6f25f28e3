import { eq, sql } from "drizzle-orm";
import type { Institution, UpdateInstitutionRequest } from "../../../contracts/institution.js";
import type { Database, Executor } from "../../db/client.js";
import { institution } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { AppError, notFound } from "../../lib/errors.js";

type Row = typeof institution.$inferSelect;

/** The institution as described (its logo only said to exist: the bytes are read on their own). */
type Described = Omit<Row, "id" | "logo" | "logoMime"> & { hasLogo: boolean };

function present(row: Described): Institution {
  return {
    name: row.name,
    shortName: row.shortName,
    unitName: row.unitName,
    stateName: row.stateName,
    hasLogo: row.hasLogo,
    // The timestamp busts caches when the logo changes.
    logoUrl: row.hasLogo ? `/api/institution/logo?v=${row.updatedAt.getTime()}` : null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function getRow(db: Executor): Promise<Row> {
  const [row] = await db.select().from(institution).where(eq(institution.id, 1)).limit(1);
  if (!row) {
    throw notFound("La institución no está configurada.");
  }
  return row;
}

/**
 * Read by every PDF, the diagnostic and the header: the text and whether there is a logo, never
 * the logo's bytes (up to its size limit on every call otherwise).
 */
export async function getInstitution(db: Executor): Promise<Institution> {
  const [row] = await db
    .select({
      name: institution.name,
      shortName: institution.shortName,
      unitName: institution.unitName,
      stateName: institution.stateName,
      hasLogo: sql<boolean>`${institution.logo} is not null`,
      updatedAt: institution.updatedAt,
    })
    .from(institution)
    .where(eq(institution.id, 1))
    .limit(1);
  if (!row) {
    throw notFound("La institución no está configurada.");
  }
  return present(row);
}

export async function getLogo(db: Executor): Promise<{ data: Buffer; mime: string }> {
  const row = await getRow(db);
  if (!row.logo || !row.logoMime) {
    throw notFound("La institución no tiene logotipo.");
  }
  return { data: row.logo, mime: row.logoMime };
}

const textView = (row: Row) => ({
  name: row.name,
  shortName: row.shortName,
  unitName: row.unitName,
  stateName: row.stateName,
});

export async function updateInstitution(
  db: Database,
  update: UpdateInstitutionRequest,
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getRow(tx);
    await tx
      .update(institution)
      .set({ ...update, updatedAt: new Date() })
      .where(eq(institution.id, 1));
    // Public reads show the institution's name (the open-data licence's attribution) and are
    // cached per progress: moving the stamps, as a municipality's rename does, tells every
    // process (by notification) to rebuild them. Renames are rare; the recomputation is whole.
    await tx.execute(sql`select mrtm_progress_touch('all')`);
    await recordAudit(tx, actor, {
      action: "institution.updated",
      entityType: "institution",
      entityId: "1",
      before: textView(before),
      after: update,
    });
  });
}

/** Recognises a logo by its first bytes, whatever the client declared. */
export function detectImage(data: Buffer): "image/png" | "image/jpeg" | "image/webp" | null {
  if (
    data.length >= 8 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return "image/png";
  }
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) {
    return "image/jpeg";
  }
  if (
    data.length >= 12 &&
    data.toString("latin1", 0, 4) === "RIFF" &&
    data.toString("latin1", 8, 12) === "WEBP"
  ) {
    return "image/webp";
  }
  return null;
}

export async function setLogo(db: Database, data: Buffer | null, actor: Actor): Promise<void> {
  const mime = data ? detectImage(data) : null;
  if (data && !mime) {
    throw new AppError(
      "unsupported_media_type",
      "El logotipo debe ser una imagen PNG, JPEG o WebP.",
    );
  }
  await db.transaction(async (tx) => {
    const before = await getRow(tx);
    await tx
      .update(institution)
      .set({ logo: data, logoMime: mime, updatedAt: new Date() })
      .where(eq(institution.id, 1));
    await recordAudit(tx, actor, {
      action: data ? "institution.logo_set" : "institution.logo_removed",
      entityType: "institution",
      entityId: "1",
      before: {
        logo: before.logoMime ? { mime: before.logoMime, bytes: before.logo?.length ?? 0 } : null,
      },
      after: { logo: mime ? { mime, bytes: data?.length ?? 0 } : null },
    });
  });
}
