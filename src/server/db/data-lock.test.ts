import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./data-lock.js";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-lock-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Another process that takes the lock and holds it until killed. */
function holder(dir: string): Promise<import("node:child_process").ChildProcess> {
  const script = `
    import("${path.join(import.meta.dirname, "data-lock.ts").replaceAll("\\", "/")}")
      .then(({ lockDataDir }) => { lockDataDir(${JSON.stringify(dir)}); console.log("locked"); setInterval(() => {}, 1000); });`;
  const child = spawn(process.execPath, ["--import", "tsx", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on(
      "data",
      (chunk: Buffer) => chunk.toString().includes("locked") && resolve(child),
    );
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

describe("the PGlite data folder lock", () => {
  it("refuses a second process with a clear Spanish error naming the holder", async () => {
    const dir = tempDir();
    const child = await holder(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(
        new RegExp(`ya está en uso por otro proceso de MRTM \\(PID ${child.pid}\\)`),
      );
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("takes over the lock of a process that died without releasing it", async () => {
    const dir = tempDir();
    const child = await holder(dir);
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    expect(fs.existsSync(path.join(dir, "mrtm.lock"))).toBe(true);
    const release = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "mrtm.lock"), "utf8")).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, "mrtm.lock"))).toBe(false);
  });

  it("refuses a second open of the same folder within one process", () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    lockDataDir(dir)();
  });

  it("treats an empty or garbled lock file (a crash mid-write) as stale", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "mrtm.lock"), "{");
    const release = lockDataDir(dir);
    release();
  });
});
