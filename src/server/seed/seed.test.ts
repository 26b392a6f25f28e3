import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.js";
import {
  agreements,
  institution,
  liaisonDesignations,
  modelVersions,
  municipalities,
  toolInstances,
  users,
} from "../db/schema/index.js";
import { verifyPassword } from "../lib/passwords.js";
import { getTestDatabase, resetDatabase } from "../test/db.js";
import { seedDemoAccounts, seedReferenceData } from "./index.js";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await getTestDatabase();
  await resetDatabase(handle);
});

describe("seeding", () => {
  it("loads the reference data once, however often it runs", async () => {
    await seedReferenceData(handle.db);
    await seedReferenceData(handle.db);
    const [[m], [v], [i]] = await Promise.all([
      handle.db.select({ n: count() }).from(municipalities),
      handle.db.select({ n: count() }).from(modelVersions),
      handle.db.select({ n: count() }).from(institution),
    ]);
    expect([m?.n, v?.n, i?.n]).toEqual([125, 1, 1]);
  });

  it("creates one demo account per role with random passwords, and the demo municipality's agreement and liaison", async () => {
    const credentials = await seedDemoAccounts(handle.db);
    expect(credentials.map((c) => c.role)).toEqual([
      "admin",
      "reviewer",
      "liaison",
      "collaborator",
    ]);
    expect(new Set(credentials.map((c) => c.password)).size).toBe(4);
    const [admin] = await handle.db.select().from(users).where(eq(users.email, "admin@mrtm.test"));
    expect(await verifyPassword(admin?.passwordHash ?? "", credentials[0]?.password ?? "")).toBe(
      true,
    );
    const [agreement] = await handle.db.select().from(agreements);
    expect(agreement).toMatchObject({ municipalityCvegeo: "15106", signedOn: "2022-11-16" });
    const [designation] = await handle.db.select().from(liaisonDesignations);
    const liaison = await handle.db
      .select()
      .from(users)
      .where(eq(users.id, designation?.userId ?? ""));
    expect(liaison[0]?.email).toBe("enlace.toluca@mrtm.test");
    const [instances] = await handle.db.select({ n: count() }).from(toolInstances);
    expect(instances?.n).toBeGreaterThanOrEqual(23);
  });

  it("creates nothing when the instance already has users", async () => {
    expect(await seedDemoAccounts(handle.db)).toEqual([]);
  });
});
