import { Readable, Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runCommand } from "../../cli/commands.js";
import { BREACHED_PASSWORD_MESSAGE } from "../../domain/password.js";
import { users } from "../db/schema/index.js";
import { createTestContext } from "../test/app.js";
import {
  BreachedPasswords,
  breachedPasswords,
  readBreachedPasswords,
  serverPasswordProblem,
} from "./breached-passwords.js";

describe("the breached-password list shipped in assets/passwords", () => {
  it("holds tens of thousands of passwords, in trimmed lowercase form", () => {
    const list = readBreachedPasswords();
    expect(list.size).toBeGreaterThan(45_000);
    for (const common of ["123456", "password", "qwerty123456", "1qaz2wsx3edc", "123qweasdzxc"]) {
      expect(list.has(common)).toBe(true);
    }
    expect([...list].every((entry) => entry === entry.trim().toLowerCase() && entry !== "")).toBe(
      true,
    );
    expect([...list].filter((entry) => entry.length >= 12).length).toBeGreaterThan(250);
  });

  it("answers for every entry, first and last included, and for nothing else", () => {
    const list = new BreachedPasswords(["qwerty", "123456", "ñandú2026", "123456", "zz", "a"]);
    expect(list.size).toBe(5);
    expect([...list]).toEqual(["123456", "a", "qwerty", "zz", "ñandú2026"]);
    for (const entry of ["123456", "a", "qwerty", "zz", "ñandú2026"]) {
      expect(list.has(entry)).toBe(true);
    }
    for (const absent of ["", "1", "12345", "1234567", "b", "qwert", "qwertyu", "zzz", "ñandú"]) {
      expect(list.has(absent)).toBe(false);
    }
    expect(new BreachedPasswords([]).has("123456")).toBe(false);
  });

  it("is read once per process", () => {
    expect(breachedPasswords()).toBe(breachedPasswords());
  });

  it("makes the server's policy refuse listed passwords of the minimum length, in any case", () => {
    expect(serverPasswordProblem("Qwerty123456")).toBe(BREACHED_PASSWORD_MESSAGE);
    expect(serverPasswordProblem("1QAZ2WSX3EDC ")).toBe(BREACHED_PASSWORD_MESSAGE);
    expect(serverPasswordProblem("tres-tigres-tristes-2026")).toBeNull();
    expect(serverPasswordProblem("corta")).toMatch(/al menos 12/);
  });
});

describe("the command line", () => {
  it("refuses to create an account with a breached password (mrtm user add)", async () => {
    const ctx = await createTestContext();
    try {
      const attempt = runCommand(
        ctx.handle.db,
        ["user", "add"],
        { email: "cli.filtrada@prueba.mrtm.test", name: "CLI Filtrada", role: "reviewer" },
        {
          env: { MRTM_PASSWORD: "Qwerty123456" },
          stdin: Readable.from([""]),
          stdout: new Writable({ write: (_chunk, _encoding, done) => done() }),
        },
      );
      await expect(attempt).rejects.toThrow(BREACHED_PASSWORD_MESSAGE);
      const created = await ctx.handle.db
        .select()
        .from(users)
        .where(eq(users.email, "cli.filtrada@prueba.mrtm.test"));
      expect(created).toHaveLength(0);
    } finally {
      await ctx.app.close();
    }
  });
});
