import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** This machine, shortened: staging folders may be shared by servers on several hosts. */
const HOST = createHash("sha256").update(os.hostname()).digest("hex").slice(0, 8);
const OWNER = /-p(\d+)-h([0-9a-f]{8})-/;

/**
 * A staging file's name, carrying the process that writes it (`<prefix>-p<pid>-h<host>-<random>
 * .part`), so that after a crash the next start can tell a dead process's leftovers from another
 * live server's upload in progress, whatever their age.
 */
export function stagingFileName(prefix: string): string {
  return `${prefix}-p${process.pid}-h${HOST}-${randomBytes(16).toString("hex")}.part`;
}

/** Whether a staging file was written by a process of this host that no longer runs. */
function ownerIsGone(name: string): boolean {
  const match = OWNER.exec(name);
  if (!match || match[2] !== HOST) {
    return false;
  }
  const pid = Number(match[1]);
  if (pid === process.pid) {
    return false;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists (another user's): keep its file.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Removes staging files a crash left behind: those whose writing process (on this host) is gone,
 * and any older than `olderThanMs` (a file of another host, or of a reused process id). A fresh
 * file of a live process stays: another server sharing the folder may be staging an upload.
 */
export async function sweepStaleFiles(
  dir: string,
  olderThanMs: number,
  now = Date.now(),
): Promise<number> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of entries) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat?.isFile() && (now - stat.mtimeMs > olderThanMs || ownerIsGone(name))) {
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
