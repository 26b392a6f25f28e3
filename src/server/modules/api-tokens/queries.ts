import { desc, eq } from "drizzle-orm";
import type { ApiToken } from "../../../contracts/api-tokens.js";
import { apiTokenStatus } from "../../../domain/api-tokens.js";
import type { Executor } from "../../db/client.js";
import { apiTokens } from "../../db/schema/index.js";

/** How many of a person's tokens the list shows, newest first (at most 10 are active). */
const LISTED = 100;

/** A person's tokens, newest first, as «Mi cuenta» lists them: never the secret nor its hash. */
export async function listApiTokens(db: Executor, userId: string, now: Date): Promise<ApiToken[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(LISTED);
  return rows.map((row) => presentApiToken(row, now));
}

/** The fields of a token that leave the server. */
export function presentApiToken(row: typeof apiTokens.$inferSelect, now: Date): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    hint: row.hint,
    status: apiTokenStatus(row, now),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: row.lastUsedIp,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedReason: row.revokedReason,
  };
}
