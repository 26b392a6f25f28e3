/**
 * Announcements (*avisos*): staff write to the designated liaisons of every participant, of a
 * cohort or of the municipalities they choose. Sending records who it reached (the liaisons
 * designated at that moment), tells each of them through the notification centre and the mail
 * outbox (kind `announcement`), and is audited, in one transaction. A liaison marks it read once.
 */
import { and, asc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { SendAnnouncementRequest } from "../../../contracts/announcements.js";
import { announcementProblems } from "../../../domain/announcements.js";
import type { Database, Executor } from "../../db/client.js";
import {
  agreements,
  announcementRecipients,
  announcements,
  liaisonDesignations,
  notifications,
  users,
} from "../../db/schema/index.js";
import type { Acting } from "../../lib/acting.js";
import { recordAudit } from "../../lib/audit.js";
import { AppError, notFound } from "../../lib/errors.js";
import { notify } from "../notifications/service.js";

/** The e-mail and in-app notice of an announcement share one dedupe key per announcement. */
export const announcementDedupeKey = (id: string) => `announcement:${id}`;
export const announcementPath = (id: string) => `/avisos/${id}`;

/** The designated, active liaisons of the participating municipalities an audience names. */
function audienceLiaisons(db: Executor, request: Required<SendAnnouncementRequest>) {
  const conditions: (SQL | undefined)[] = [
    isNull(liaisonDesignations.endedAt),
    eq(users.active, true),
    eq(users.role, "liaison"),
  ];
  if (request.audience === "cohort") {
    conditions.push(eq(agreements.cohort, (request.cohort ?? "").trim()));
  } else if (request.audience === "municipalities") {
    conditions.push(inArray(agreements.municipalityCvegeo, [...request.municipalities]));
  }
  return db
    .select({ userId: users.id, cvegeo: agreements.municipalityCvegeo })
    .from(agreements)
    .innerJoin(
      liaisonDesignations,
      eq(liaisonDesignations.municipalityCvegeo, agreements.municipalityCvegeo),
    )
    .innerJoin(users, eq(users.id, liaisonDesignations.userId))
    .where(and(...conditions))
    .orderBy(asc(agreements.municipalityCvegeo));
}

/** Sends an announcement (staff only: the route checked). Returns its id. */
export async function sendAnnouncement(
  db: Database,
  input: SendAnnouncementRequest,
  { user, actor, now }: Acting,
): Promise<string> {
  const request: Required<SendAnnouncementRequest> = {
    title: input.title.trim(),
    body: input.body.trim(),
    audience: input.audience,
    cohort: input.audience === "cohort" ? (input.cohort ?? "").trim() : null,
    municipalities:
      input.audience === "municipalities" ? [...new Set(input.municipalities ?? [])] : [],
  };
  const problems = Object.entries(announcementProblems(request));
  if (problems.length > 0) {
    throw new AppError(
      "announcement_invalid",
      problems.map(([, message]) => message).join(" "),
      problems.map(([field, message]) => ({ field, message })),
    );
  }
  return db.transaction(async (tx) => {
    const reached = await audienceLiaisons(tx, request);
    if (reached.length === 0) {
      throw new AppError(
        "announcement_no_recipients",
        "Ningún municipio de los destinatarios tiene un enlace designado con cuenta activa: el aviso no se envió.",
      );
    }
    const [created] = await tx
      .insert(announcements)
      .values({
        title: request.title,
        body: request.body,
        audience: request.audience,
        cohort: request.cohort,
        municipalities: request.municipalities,
        sentBy: user.id,
        sentAt: now,
      })
      .returning({ id: announcements.id });
    if (!created) {
      throw new Error("insert returned no row");
    }
    await tx.insert(announcementRecipients).values(
      reached.map((row) => ({
        announcementId: created.id,
        userId: row.userId,
        municipalityCvegeo: row.cvegeo,
      })),
    );
    await notify(
      tx,
      reached.map((row) => ({
        userId: row.userId,
        kind: "announcement",
        title: request.title,
        body: request.body,
        link: announcementPath(created.id),
        dedupeKey: announcementDedupeKey(created.id),
        action: "Leer el aviso en MRTM",
      })),
    );
    await recordAudit(tx, actor, {
      action: "announcement.sent",
      entityType: "announcement",
      entityId: created.id,
      after: {
        title: request.title,
        audience: request.audience,
        cohort: request.cohort,
        municipalities: request.municipalities,
        recipients: reached.length,
      },
    });
    return created.id;
  });
}

/**
 * A recipient reads an announcement: the first time, its read moment is kept (and its notice in
 * the notification centre is marked read too), audited once. Anyone it was not sent to: 404.
 */
export async function markAnnouncementRead(
  db: Database,
  id: string,
  { user, actor, now }: Acting,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        readAt: announcementRecipients.readAt,
        cvegeo: announcementRecipients.municipalityCvegeo,
      })
      .from(announcementRecipients)
      .where(
        and(
          eq(announcementRecipients.announcementId, id),
          eq(announcementRecipients.userId, user.id),
        ),
      )
      .for("update");
    if (!row) {
      throw notFound("El aviso no existe.");
    }
    if (row.readAt) {
      return;
    }
    await tx
      .update(announcementRecipients)
      .set({ readAt: now })
      .where(
        and(
          eq(announcementRecipients.announcementId, id),
          eq(announcementRecipients.userId, user.id),
        ),
      );
    await tx
      .update(notifications)
      .set({ readAt: now })
      .where(
        and(
          eq(notifications.userId, user.id),
          eq(notifications.dedupeKey, announcementDedupeKey(id)),
          isNull(notifications.readAt),
        ),
      );
    await recordAudit(tx, actor, {
      action: "announcement.read",
      entityType: "announcement",
      entityId: id,
      municipality: row.cvegeo,
      before: { readAt: null },
      after: { readAt: now.toISOString() },
    });
  });
}
