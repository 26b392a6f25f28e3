import type { ImportProgress } from "../../../contracts/xlsx-import.js";

const KEEP_MS = 10 * 60 * 1000;
const entries = new Map<string, { progress: ImportProgress; at: number }>();

/**
 * Imports being applied by this process, by the id their client chose: what the web's progress bar
 * reads while its apply request is running. Forgotten ten minutes after their last news.
 */
export const importProgress = {
  set(id: string, progress: ImportProgress, now: number): void {
    for (const [key, entry] of entries) {
      if (now - entry.at > KEEP_MS) {
        entries.delete(key);
      }
    }
    entries.set(id, { progress, at: now });
  },
  get(id: string): ImportProgress | null {
    return entries.get(id)?.progress ?? null;
  },
};
