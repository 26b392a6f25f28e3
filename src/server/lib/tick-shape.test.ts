import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const probe = path.resolve(import.meta.dirname, "../test/tick-shape-probe.ts");

/** The states of the feedback slots of `process.nextTick`'s entry literal, after full collections. */
async function entrySlots(...flags: ("keep" | "big")[]): Promise<string[]> {
  // V8 prints through C's stdio: into a pipe, what it buffered at exit was lost; a file keeps it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-tick-shape-"));
  const file = path.join(dir, "out.txt");
  const fd = fs.openSync(file, "w");
  try {
    const child = spawn(
      process.execPath,
      [
        "--no-warnings",
        "--allow-natives-syntax",
        "--expose-gc",
        "--expose-internals",
        "--import",
        "tsx",
        probe,
        ...flags,
      ],
      { stdio: ["ignore", fd, "inherit"] },
    );
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
    const printed = fs.readFileSync(file, "utf8");
    return [...printed.matchAll(/DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((m) => m[1] ?? "");
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const MONOMORPHIC = ["MONOMORPHIC", "MONOMORPHIC", "MONOMORPHIC", "MONOMORPHIC"];

// Reads V8's own print of a function (node 20's V8): should a newer node print it otherwise, or
// no longer lose the shapes, the first test says so, and decision 0043 can be revisited.
describe("the nextTick entry kept alive (decision 0043)", () => {
  it("without it, full collections with nothing queued leave nextTick's entry megamorphic", async () => {
    const slots = await entrySlots();
    expect(slots).toHaveLength(4);
    expect(slots.slice(1)).toEqual(["MEGAMORPHIC", "MEGAMORPHIC", "MEGAMORPHIC"]);
  });

  it("with it, the entry's four properties stay monomorphic", async () => {
    expect(await entrySlots("keep")).toEqual(MONOMORPHIC);
  });

  it("with it, async ids past 2^31 (a number that is no longer a small integer) change nothing", async () => {
    expect(await entrySlots("keep", "big")).toEqual(MONOMORPHIC);
  });
});
