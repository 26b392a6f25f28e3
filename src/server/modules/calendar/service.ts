import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { calendarFeeds } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { notFound } from "../../lib/errors.js";
import { type AuthUser, hashToken, newToken } from "../../plugins/auth.js";

/**
 * Creates the user's private feed, or replaces it: the previous address stops working at once.
 * Only the token's SHA-256 is kept, so the address is shown this once and never again.
 */
export async function createOrRotateFeed(
  db: Database,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<{ token: string; createdAt: Date; replaced: boolean }> {
  const token = newToken();
  return db.transaction(async (tx) => {
    const [previous] = await tx
      .delete(calendarFeeds)
      .where(eq(calendarFeeds.userId, user.id))
      .returning({ createdAt: calendarFeeds.createdAt });
    await tx
      .insert(calendarFeeds)
      .values({ userId: user.id, tokenHash: hashToken(token), createdAt: now });
    await recordAudit(tx, actor, {
      action: previous ? "calendar_feed.rotated" : "calendar_feed.created",
      entityType: "calendar_feed",
      entityId: user.id,
      municipality: user.municipality?.cvegeo ?? null,
      before: previous ? { createdAt: previous.createdAt.toISOString() } : null,
      after: { createdAt: now.toISOString() },
    });
    return { token, createdAt: now, replaced: previous !== undefined };
  });
}

/** Revokes the user's feed: its address answers 404 from now on. */
export async function revokeFeed(db: Database, user: AuthUser, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [previous] = await tx
      .delete(calendarFeeds)
      .where(eq(calendarFeeds.userId, user.id))
      .returning({ createdAt: calendarFeeds.createdAt });
    if (!previous) {
      throw notFound("No tiene un calendario privado que revocar.");
    }
    await recordAudit(tx, actor, {
      action: "calendar_feed.revoked",
      entityType: "calendar_feed",
      entityId: user.id,
      municipality: user.municipality?.cvegeo ?? null,
      before: { createdAt: previous.createdAt.toISOString() },
    });
  });
}
