import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stagingFileName, sweepStaleFiles } from "./sweep.js";

describe("sweepStaleFiles", () => {
  it("removes staging files older than the threshold and keeps fresh ones", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-sweep-"));
    const old = path.join(dir, "upload-old.part");
    const fresh = path.join(dir, "upload-fresh.part");
    fs.writeFileSync(old, "a");
    fs.writeFileSync(fresh, "b");
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
    expect(await sweepStaleFiles(dir, 3600_000)).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(["upload-fresh.part"]);
    expect(await sweepStaleFiles(path.join(dir, "missing"), 1)).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("removes a fresh file at once when the process that wrote it is gone, never a live one's", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-sweep-"));
    // A process that has exited: its id is free (until reused, which only delays the sweep).
    const { spawnSync } = await import("node:child_process");
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid;
    const mine = stagingFileName("upload");
    const theirs = mine.replace(`-p${process.pid}-`, `-p${dead}-`);
    const otherHost = mine
      .replace(/-h[0-9a-f]{8}-/, "-hzzzzzzzz-")
      .replace(`-p${process.pid}-`, `-p${dead}-`);
    for (const name of [mine, theirs, otherHost]) {
      fs.writeFileSync(path.join(dir, name), "x");
    }
    expect(mine).toMatch(new RegExp(`^upload-p${process.pid}-h[0-9a-f]{8}-[0-9a-f]{32}\\.part$`));
    expect(await sweepStaleFiles(dir, 3600_000)).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual([mine, otherHost].sort());
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
