import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type {
  Announcement,
  AnnouncementDetail,
  AnnouncementReader,
} from "../../../contracts/announcements.js";
import { isStaffRole } from "../../../domain/roles.js";
import type { Executor } from "../../db/client.js";
import {
  announcementRecipients,
  announcements,
  municipalities,
  users,
} from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import type { AuthUser } from "../../plugins/auth.js";

type Row = typeof announcements.$inferSelect & { sentByName: string | null };

/** The recipients and readers of each announcement, by id. */
async function tallies(db: Executor, ids: string[]) {
  if (ids.length === 0) {
    return new Map<string, { recipients: number; read: number }>();
  }
  const rows = await db
    .select({
      id: announcementRecipients.announcementId,
      recipients: count(),
      read: count(announcementRecipients.readAt),
    })
    .from(announcementRecipients)
    .where(inArray(announcementRecipients.announcementId, ids))
    .groupBy(announcementRecipients.announcementId);
  return new Map(rows.map((row) => [row.id, { recipients: row.recipients, read: row.read }]));
}

async function municipalityNames(db: Executor, rows: Row[]) {
  const keys = [...new Set(rows.flatMap((row) => row.municipalities))];
  if (keys.length === 0) {
    return new Map<string, string>();
  }
  const found = await db
    .select({ cvegeo: municipalities.cvegeo, name: municipalities.name })
    .from(municipalities)
    .where(inArray(municipalities.cvegeo, keys));
  return new Map(found.map((row) => [row.cvegeo, row.name]));
}

async function present(
  db: Executor,
  rows: Row[],
  readAtOf: (id: string) => Date | null,
): Promise<Announcement[]> {
  // Sequential: `db` may be a transaction, which runs one query at a time.
  const counts = await tallies(
    db,
    rows.map((row) => row.id),
  );
  const names = await municipalityNames(db, rows);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    body: row.body,
    audience: row.audience,
    cohort: row.cohort,
    municipalities: row.municipalities.map((cvegeo) => ({
      cvegeo,
      name: names.get(cvegeo) ?? cvegeo,
    })),
    sentAt: row.sentAt.toISOString(),
    sentBy: row.sentByName,
    recipients: counts.get(row.id)?.recipients ?? 0,
    read: counts.get(row.id)?.read ?? 0,
    readAt: readAtOf(row.id)?.toISOString() ?? null,
  }));
}

const columns = {
  id: announcements.id,
  title: announcements.title,
  body: announcements.body,
  audience: announcements.audience,
  cohort: announcements.cohort,
  municipalities: announcements.municipalities,
  sentBy: announcements.sentBy,
  sentAt: announcements.sentAt,
  sentByName: users.name,
};

/**
 * Staff: every announcement, newest first, with how many have read it. Anyone else: those sent
 * to them, newest first, each with when they read it (null: unread).
 */
export async function listAnnouncements(db: Executor, user: AuthUser): Promise<Announcement[]> {
  if (isStaffRole(user.role)) {
    const rows = await db
      .select(columns)
      .from(announcements)
      .leftJoin(users, eq(users.id, announcements.sentBy))
      .orderBy(desc(announcements.sentAt), desc(announcements.id))
      .limit(500);
    return present(db, rows, () => null);
  }
  const rows = await db
    .select({ ...columns, readAt: announcementRecipients.readAt })
    .from(announcementRecipients)
    .innerJoin(announcements, eq(announcements.id, announcementRecipients.announcementId))
    .leftJoin(users, eq(users.id, announcements.sentBy))
    .where(eq(announcementRecipients.userId, user.id))
    .orderBy(desc(announcements.sentAt), desc(announcements.id))
    .limit(500);
  const readAt = new Map(rows.map((row) => [row.id, row.readAt]));
  return present(db, rows, (id) => readAt.get(id) ?? null);
}

/** The unread announcements of a recipient (staff: 0). */
export async function unreadAnnouncements(db: Executor, user: AuthUser): Promise<number> {
  if (isStaffRole(user.role)) {
    return 0;
  }
  const [row] = await db
    .select({ n: count() })
    .from(announcementRecipients)
    .where(and(eq(announcementRecipients.userId, user.id), isNull(announcementRecipients.readAt)));
  return row?.n ?? 0;
}

/**
 * One announcement: staff see every liaison it reached and when each read it; a recipient sees
 * it with their own read moment; anyone else gets 404.
 */
export async function getAnnouncement(
  db: Executor,
  id: string,
  user: AuthUser,
): Promise<AnnouncementDetail> {
  const staff = isStaffRole(user.role);
  const [row] = staff
    ? await db
        .select({ ...columns, readAt: sql<Date | null>`null` })
        .from(announcements)
        .leftJoin(users, eq(users.id, announcements.sentBy))
        .where(eq(announcements.id, id))
    : await db
        .select({ ...columns, readAt: announcementRecipients.readAt })
        .from(announcementRecipients)
        .innerJoin(announcements, eq(announcements.id, announcementRecipients.announcementId))
        .leftJoin(users, eq(users.id, announcements.sentBy))
        .where(
          and(
            eq(announcementRecipients.announcementId, id),
            eq(announcementRecipients.userId, user.id),
          ),
        );
  if (!row) {
    throw notFound("El aviso no existe.");
  }
  const [announcement] = await present(db, [row], () => row.readAt);
  if (!announcement) {
    throw notFound("El aviso no existe.");
  }
  const readers: AnnouncementReader[] = staff
    ? (
        await db
          .select({
            cvegeo: municipalities.cvegeo,
            municipality: municipalities.name,
            name: users.name,
            readAt: announcementRecipients.readAt,
          })
          .from(announcementRecipients)
          .innerJoin(
            municipalities,
            eq(municipalities.cvegeo, announcementRecipients.municipalityCvegeo),
          )
          .innerJoin(users, eq(users.id, announcementRecipients.userId))
          .where(eq(announcementRecipients.announcementId, id))
          .orderBy(sql`${announcementRecipients.readAt} is null`, municipalities.name)
      ).map((reader) => ({
        municipality: { cvegeo: reader.cvegeo, name: reader.municipality },
        name: reader.name,
        readAt: reader.readAt?.toISOString() ?? null,
      }))
    : [];
  return { ...announcement, readers };
}
