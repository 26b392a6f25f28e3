import { desc, eq } from "drizzle-orm";
import type { DocumentRef } from "../../../contracts/participation.js";
import type { Executor } from "../../db/client.js";
import { documents, liaisonDesignations, users } from "../../db/schema/index.js";
import { documentRef } from "../documents/queries.js";

export interface LiaisonDesignationView {
  letter: DocumentRef | null;
  id: string;
  user: { id: string; name: string; email: string; active: boolean };
  designatedOn: string;
  endedAt: string | null;
  current: boolean;
}

/** Every liaison the municipality has had, newest first: the hand-over history. */
export async function listDesignations(
  db: Executor,
  cvegeo: string,
): Promise<LiaisonDesignationView[]> {
  const rows = await db
    .select({ designation: liaisonDesignations, user: users, letter: documents })
    .from(liaisonDesignations)
    .innerJoin(users, eq(users.id, liaisonDesignations.userId))
    .leftJoin(documents, eq(documents.id, liaisonDesignations.letterDocumentId))
    .where(eq(liaisonDesignations.municipalityCvegeo, cvegeo))
    .orderBy(desc(liaisonDesignations.createdAt));
  return rows.map(({ designation, user, letter }) => ({
    id: designation.id,
    user: { id: user.id, name: user.name, email: user.email, active: user.active },
    designatedOn: designation.designatedOn,
    letter: documentRef(letter),
    endedAt: designation.endedAt?.toISOString() ?? null,
    current: designation.endedAt === null,
  }));
}
