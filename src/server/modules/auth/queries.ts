import { eq } from "drizzle-orm";
import type { SessionInfo } from "../../../contracts/auth.js";
import type { Executor } from "../../db/client.js";
import { municipalities, users } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { sessionUserColumns, userMunicipality } from "../../lib/session-user.js";
import { presentSessionUser } from "../../plugins/auth.js";

export async function getSessionInfo(
  db: Executor,
  userId: string,
  csrfToken: string | null,
): Promise<SessionInfo> {
  const [row] = await db
    .select(sessionUserColumns())
    .from(users)
    .leftJoin(municipalities, userMunicipality)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) {
    throw notFound("La cuenta no existe.");
  }
  return {
    csrfToken,
    user: presentSessionUser(row.user, row.municipalityName, row.designatedLiaison),
  };
}
