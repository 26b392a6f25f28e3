import { randomBytes } from "node:crypto";
import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { ApiToken } from "../../../contracts/api-tokens.js";
import {
  API_TOKEN_PREFIX,
  type ApiTokenRevocationReason,
  type ApiTokenScope,
  apiTokenExpiry,
  apiTokenHint,
  apiTokenLimitProblem,
} from "../../../domain/api-tokens.js";
import type { Database, Executor } from "../../db/client.js";
import { apiTokens, users } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { AppError, conflict, notFound } from "../../lib/errors.js";
import { type AuthUser, hashToken } from "../../plugins/auth.js";
import { presentApiToken } from "./queries.js";

export interface CreateApiTokenOptions {
  user: AuthUser;
  name: string;
  scope: ApiTokenScope;
  expiresInDays: number;
  actor: Actor;
  now: Date;
}

/**
 * Creates a token for the signed-in person, with their role and municipality of now. Returns the
 * secret this once: only its SHA-256 is kept. Refused past the limit of active tokens.
 */
export async function createApiToken(
  db: Database,
  options: CreateApiTokenOptions,
): Promise<{ token: ApiToken; secret: string }> {
  const { user, now } = options;
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return db.transaction(async (tx) => {
    // One creation at a time per person, so two at once cannot both pass the limit.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for("update");
    const [active] = await tx
      .select({ n: count() })
      .from(apiTokens)
      .where(
        and(
          eq(apiTokens.userId, user.id),
          isNull(apiTokens.revokedAt),
          gt(apiTokens.expiresAt, now),
        ),
      );
    const problem = apiTokenLimitProblem(active?.n ?? 0);
    if (problem) {
      throw new AppError("token_limit", problem);
    }
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: user.id,
        name: options.name,
        scope: options.scope,
        tokenHash: hashToken(secret),
        hint: apiTokenHint(secret),
        ownerRole: user.role,
        ownerMunicipalityCvegeo: user.municipality?.cvegeo ?? null,
        createdAt: now,
        expiresAt: apiTokenExpiry(now, options.expiresInDays),
      })
      .returning();
    if (!row) {
      throw new Error("insert returned no row");
    }
    await recordAudit(tx, options.actor, {
      action: "api_token.created",
      entityType: "api_token",
      entityId: row.id,
      municipality: row.ownerMunicipalityCvegeo,
      after: { name: row.name, scope: row.scope, expiresAt: row.expiresAt.toISOString() },
    });
    return { token: presentApiToken(row, now), secret };
  });
}

/** Revokes one of the person's own tokens: it answers 401 from the next request on. */
export async function revokeApiToken(
  db: Database,
  options: { user: AuthUser; id: string; actor: Actor; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [token] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, options.id), eq(apiTokens.userId, options.user.id)))
      .for("update");
    // Someone else's token is as unknown as a made-up id.
    if (!token) {
      throw notFound("No tiene un token de API con ese identificador.");
    }
    if (token.revokedAt) {
      throw conflict("Ese token ya estaba revocado.");
    }
    await tx
      .update(apiTokens)
      .set({ revokedAt: options.now, revokedReason: "owner" })
      .where(eq(apiTokens.id, token.id));
    await auditRevoked(tx, options.actor, token, "owner");
  });
}

/**
 * Revokes every live token of an account, each with its audit event, inside the caller's
 * transaction: a token was made for what the account could do, so it ends when an administrator
 * changes the account's role or municipality, deactivates or reactivates it, or resets its password.
 */
export async function revokeAccountTokens(
  tx: Executor,
  options: { userId: string; reason: ApiTokenRevocationReason; actor: Actor; now: Date },
): Promise<number> {
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: options.now, revokedReason: options.reason })
    .where(
      and(
        eq(apiTokens.userId, options.userId),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, options.now),
      ),
    )
    .returning();
  for (const token of revoked) {
    await auditRevoked(tx, options.actor, token, options.reason);
  }
  return revoked.length;
}

/** A token's revocation in the audit trail, by its owner or because its account changed. */
function auditRevoked(
  tx: Executor,
  actor: Actor,
  token: typeof apiTokens.$inferSelect,
  reason: ApiTokenRevocationReason,
): Promise<void> {
  return recordAudit(tx, actor, {
    action: "api_token.revoked",
    entityType: "api_token",
    entityId: token.id,
    municipality: token.ownerMunicipalityCvegeo,
    before: { name: token.name, scope: token.scope },
    after: { reason },
  });
}
