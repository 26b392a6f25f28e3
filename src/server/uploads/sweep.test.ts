import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sweepStaleFiles } from "./sweep.js";

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
});
