import { and, asc, count, eq, ilike, or, type SQL } from "drizzle-orm";
import type { User, UserList, UserListQuery } from "../../../contracts/users.js";
import type { Database, Executor } from "../../db/client.js";
import { municipalities, users } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { accountIdentity } from "../../lib/session-user.js";

type UserRow = typeof users.$inferSelect;

/** Exactly the fields of a user that leave the server: never the password hash. */
export function presentUser(user: UserRow, municipalityName: string | null): User {
  return {
    ...accountIdentity(user, municipalityName),
    active: user.active,
    mustChangePassword: user.mustChangePassword,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(db: Database, query: UserListQuery): Promise<UserList> {
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    const match = or(ilike(users.name, pattern), ilike(users.email, pattern));
    if (match) {
      conditions.push(match);
    }
  }
  if (query.role) {
    conditions.push(eq(users.role, query.role));
  }
  if (query.municipality) {
    conditions.push(eq(users.municipalityCvegeo, query.municipality));
  }
  if (query.active) {
    conditions.push(eq(users.active, query.active === "true"));
  }
  const where = and(...conditions);
  const [rows, totals] = await Promise.all([
    db
      .select({ user: users, municipalityName: municipalities.name })
      .from(users)
      .leftJoin(municipalities, eq(municipalities.cvegeo, users.municipalityCvegeo))
      .where(where)
      .orderBy(asc(users.name), asc(users.email))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return {
    items: rows.map((row) => presentUser(row.user, row.municipalityName)),
    total: totals[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getUser(db: Executor, id: string): Promise<User> {
  const [row] = await db
    .select({ user: users, municipalityName: municipalities.name })
    .from(users)
    .leftJoin(municipalities, eq(municipalities.cvegeo, users.municipalityCvegeo))
    .where(eq(users.id, id))
    .limit(1);
  if (!row) {
    throw notFound("La cuenta no existe.");
  }
  return presentUser(row.user, row.municipalityName);
}
