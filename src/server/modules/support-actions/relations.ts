/**
 * The lists an action refers to (facilitators, tools, invited municipalities): checking them,
 * replacing them and reading them back, inside the caller's transaction.
 */
import { and, eq, inArray } from "drizzle-orm";
import { STAFF_ROLES } from "../../../domain/roles.js";
import type { Executor } from "../../db/client.js";
import {
  agreements,
  supportActionFacilitators,
  supportActionInvitations,
  supportActionTools,
  users,
} from "../../db/schema/index.js";
import { invalidFields } from "./checks.js";
import { toolNamesInForce } from "./queries.js";

/** The values without repeats, first occurrence first. */
export const unique = <T>(values: readonly T[]) => [...new Set(values)];

/**
 * Checks the people, tools and municipalities an action refers to: facilitators are active
 * institution staff, tools belong to the model in force, invited municipalities take part (they
 * have an agreement).
 */
export async function checkReferences(
  tx: Executor,
  refs: { facilitatorIds?: string[]; tools?: string[]; invited?: string[] },
): Promise<void> {
  const problems: { field: string; message: string }[] = [];
  if (refs.facilitatorIds) {
    const ids = unique(refs.facilitatorIds);
    const found = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(inArray(users.id, ids), eq(users.active, true), inArray(users.role, [...STAFF_ROLES])),
      );
    if (found.length !== ids.length) {
      problems.push({
        field: "facilitatorIds",
        message: "Las personas facilitadoras deben ser personal activo del órgano garante.",
      });
    }
  }
  if (refs.tools) {
    const names = await toolNamesInForce(tx);
    const unknown = unique(refs.tools).filter((code) => !names.has(code));
    if (unknown.length > 0) {
      problems.push({
        field: "tools",
        message: `No son herramientas del modelo vigente: ${unknown.join(", ")}.`,
      });
    }
  }
  if (refs.invited) {
    const invited = unique(refs.invited);
    const found = await tx
      .select({ cvegeo: agreements.municipalityCvegeo })
      .from(agreements)
      .where(inArray(agreements.municipalityCvegeo, invited));
    const taking = new Set(found.map((row) => row.cvegeo));
    const missing = invited.filter((cvegeo) => !taking.has(cvegeo));
    if (missing.length > 0) {
      problems.push({
        field: "invited",
        message: `Solo se invita a municipios con convenio; no lo tienen: ${missing.join(", ")}.`,
      });
    }
  }
  if (problems.length > 0) {
    throw invalidFields(problems);
  }
}

export type Relations = { facilitatorIds: string[]; tools: string[]; invited: string[] };

/** Where each list an action refers to is kept: its table, the column of the values, their rows. */
const RELATION_TABLES = {
  facilitatorIds: {
    table: supportActionFacilitators,
    value: supportActionFacilitators.userId,
    insert: (tx: Executor, actionId: string, ids: string[]) =>
      tx.insert(supportActionFacilitators).values(ids.map((userId) => ({ actionId, userId }))),
  },
  tools: {
    table: supportActionTools,
    value: supportActionTools.toolCode,
    insert: (tx: Executor, actionId: string, codes: string[]) =>
      tx.insert(supportActionTools).values(codes.map((toolCode) => ({ actionId, toolCode }))),
  },
  invited: {
    table: supportActionInvitations,
    value: supportActionInvitations.municipalityCvegeo,
    insert: (tx: Executor, actionId: string, cvegeos: string[]) =>
      tx
        .insert(supportActionInvitations)
        .values(cvegeos.map((municipalityCvegeo) => ({ actionId, municipalityCvegeo }))),
  },
} as const;

const RELATION_NAMES = Object.keys(RELATION_TABLES) as (keyof Relations)[];

/** Replaces the lists that `refs` carries (a missing list stays as it is). */
export async function replaceRelations(
  tx: Executor,
  actionId: string,
  refs: Partial<Relations>,
): Promise<void> {
  for (const name of RELATION_NAMES) {
    const values = refs[name];
    if (values) {
      const { table, insert } = RELATION_TABLES[name];
      await tx.delete(table).where(eq(table.actionId, actionId));
      await insert(tx, actionId, unique(values));
    }
  }
}

/** The lists an action refers to, each sorted. */
export async function relationsOf(tx: Executor, actionId: string): Promise<Relations> {
  // One after the other: a transaction is one connection, which runs one query at a time.
  const lists: (readonly [string, string[]])[] = [];
  for (const name of RELATION_NAMES) {
    const { table, value } = RELATION_TABLES[name];
    const rows = await tx.select({ value }).from(table).where(eq(table.actionId, actionId));
    lists.push([name, rows.map((row) => row.value).sort()]);
  }
  return Object.fromEntries(lists) as Relations;
}
