import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyArchive } from "../server/archive/import.js";
import { users } from "../server/db/schema/index.js";
import { createBlobStore } from "../server/storage/index.js";
import { createTestContext, type TestContext } from "../server/test/app.js";
import { auditEventsOf } from "../server/test/audit.js";
import { signIn } from "../server/test/factories.js";
import { runArchiveCommand, runCommand } from "./commands.js";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.app.close());

const io = (env: Record<string, string> = {}, stdinText = "") => ({
  env,
  stdin: Readable.from([stdinText]),
  stdout: new Writable({ write: (_chunk, _encoding, done) => done() }),
});

describe("mrtm user add", () => {
  it("creates a liaison with the password from MRTM_PASSWORD, audited as the command line", async () => {
    const output = await runCommand(
      ctx.handle.db,
      ["user", "add"],
      {
        email: "enlace.cli@prueba.mrtm.test",
        name: "Enlace CLI",
        role: "liaison",
        municipality: "15106",
      },
      io({ MRTM_PASSWORD: "clave-desde-entorno-2026" }),
    );
    expect(output).toContain("Cuenta creada: enlace.cli@prueba.mrtm.test (Enlace municipal)");
    const session = await signIn(ctx.app, {
      email: "enlace.cli@prueba.mrtm.test",
      password: "clave-desde-entorno-2026",
    });
    const me = await ctx.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: session.cookie },
    });
    expect(JSON.parse(me.body).user).toMatchObject({
      role: "liaison",
      municipality: { cvegeo: "15106" },
      mustChangePassword: false,
    });
    const [event] = await auditEventsOf(ctx.handle.db, "user.created");
    expect(event?.actorLabel).toBe("línea de comandos (mrtm)");
  });

  it("reads the password from standard input when MRTM_PASSWORD is not set", async () => {
    await runCommand(
      ctx.handle.db,
      ["user", "add"],
      { email: "revisor.cli@prueba.mrtm.test", name: "Revisor CLI", role: "reviewer" },
      io({}, "clave-por-la-tuberia-99\n"),
    );
    await expect(
      signIn(ctx.app, {
        email: "revisor.cli@prueba.mrtm.test",
        password: "clave-por-la-tuberia-99",
      }),
    ).resolves.toBeTruthy();
  });

  it("refuses bad input with a Spanish message and writes nothing", async () => {
    const add = (values: Record<string, string>) =>
      runCommand(
        ctx.handle.db,
        ["user", "add"],
        values,
        io({ MRTM_PASSWORD: "clave-desde-entorno-2026" }),
      );
    await expect(add({ email: "x@prueba.mrtm.test", name: "X", role: "jefe" })).rejects.toThrow(
      /--role debe ser uno de/,
    );
    await expect(add({ email: "no-es-correo", name: "X", role: "admin" })).rejects.toThrow(
      /--email/,
    );
    await expect(add({ email: "x@prueba.mrtm.test", name: "X", role: "liaison" })).rejects.toThrow(
      /debe pertenecer a un municipio/,
    );
    await expect(
      add({ email: "x@prueba.mrtm.test", name: "X", role: "liaison", municipality: "toluca" }),
    ).rejects.toThrow(/clave INEGI/);
    await expect(
      runCommand(
        ctx.handle.db,
        ["user", "add"],
        { email: "x@prueba.mrtm.test", name: "X", role: "admin" },
        io({ MRTM_PASSWORD: "corta" }),
      ),
    ).rejects.toThrow(/al menos 12 caracteres/);
    expect(
      await ctx.handle.db.select().from(users).where(eq(users.email, "x@prueba.mrtm.test")),
    ).toEqual([]);
  });
});

describe("mrtm user reset-password, deactivate, activate, list", () => {
  it("resets, deactivates and reactivates by e-mail, and lists accounts", async () => {
    const reset = await runCommand(
      ctx.handle.db,
      ["user", "reset-password"],
      { email: "revisor.cli@prueba.mrtm.test" },
      io(),
    );
    const temporary = /: (\S+)\n/.exec(reset)?.[1] ?? "";
    await expect(
      signIn(ctx.app, { email: "revisor.cli@prueba.mrtm.test", password: temporary }),
    ).resolves.toBeTruthy();

    await runCommand(
      ctx.handle.db,
      ["user", "deactivate"],
      { email: "revisor.cli@prueba.mrtm.test" },
      io(),
    );
    await expect(
      signIn(ctx.app, { email: "revisor.cli@prueba.mrtm.test", password: temporary }),
    ).rejects.toThrow(/401/);
    await runCommand(
      ctx.handle.db,
      ["user", "activate"],
      { email: "revisor.cli@prueba.mrtm.test" },
      io(),
    );
    await expect(
      signIn(ctx.app, { email: "revisor.cli@prueba.mrtm.test", password: temporary }),
    ).resolves.toBeTruthy();

    const list = await runCommand(ctx.handle.db, ["user", "list"], {}, io());
    expect(list).toMatch(/enlace\.cli@prueba\.mrtm\.test\s+Enlace municipal\s+15106/);
    await expect(
      runCommand(
        ctx.handle.db,
        ["user", "reset-password"],
        { email: "nadie@prueba.mrtm.test" },
        io(),
      ),
    ).rejects.toThrow(/No existe/);
  });
});

describe("mrtm export / import", () => {
  it("exports the instance to --out and refuses to overwrite it or to run without a file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-cli-export-"));
    try {
      const blobs = createBlobStore(ctx.config);
      const out = path.join(dir, "instancia.tar.gz");
      const output = await runArchiveCommand(ctx.handle.db, blobs, ["export"], { out });
      expect(output).toMatch(/^Exportado .*instancia\.tar\.gz: \d+ tablas, \d+ filas, 0 archivos/);
      const manifest = await verifyArchive(out);
      expect(manifest.tables.find((t) => t.name === "users")?.rows).toBeGreaterThan(0);
      await expect(runArchiveCommand(ctx.handle.db, blobs, ["export"], { out })).rejects.toThrow(
        /Ya existe/,
      );
      await expect(runArchiveCommand(ctx.handle.db, blobs, ["export"], {})).rejects.toThrow(
        /--out/,
      );
      await expect(runArchiveCommand(ctx.handle.db, blobs, ["import"], {})).rejects.toThrow(
        /import ARCHIVO/,
      );
      // This instance has accounts: an import is refused and changes nothing.
      await expect(runArchiveCommand(ctx.handle.db, blobs, ["import", out], {})).rejects.toThrow(
        /ya tiene datos/,
      );
      expect(await runArchiveCommand(ctx.handle.db, blobs, ["user", "list"], {})).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
