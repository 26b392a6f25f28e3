import fs from "node:fs/promises";
import path from "node:path";

/**
 * Removes staging files a crash left behind. Only files older than `olderThanMs` go: another
 * server process sharing the folder may be staging an upload right now.
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
    if (stat?.isFile() && now - stat.mtimeMs > olderThanMs) {
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
