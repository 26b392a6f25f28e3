import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const LOCK_NAME = "mrtm.lock";

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `La carpeta de datos ${dataDir} ya está en uso por otro proceso de MRTM (PID ${holderPid}). ` +
        "PGlite no admite dos procesos sobre la misma carpeta: detenga el otro proceso o use otra carpeta con MRTM_DATA_DIR.",
    );
    this.name = "DataDirLockedError";
  }
}

/** Locks held by this process: a second open of the same folder in one process is refused too. */
const heldHere = new Set<string>();

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

/**
 * Takes an exclusive lock on a PGlite data folder. PGlite has no cross-process lock of its own, and
 * two processes on one folder silently lose writes. The lock is a file created with O_EXCL holding
 * our PID; a lock whose process is gone (crash, SIGKILL) is stale and taken over, so a restart
 * after a crash needs no manual clean-up. See docs/decisions/0002-pglite-data-lock.md.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_NAME);
  if (heldHere.has(lockPath)) {
    throw new DataDirLockedError(dataDir, process.pid);
  }
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(info), { flag: "wx" });
      heldHere.add(lockPath);
      let released = false;
      return () => {
        if (!released) {
          released = true;
          heldHere.delete(lockPath);
          fs.rmSync(lockPath, { force: true });
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw error;
      }
      const holder = readLock(lockPath);
      if (
        holder &&
        holder.host === info.host &&
        isAlive(holder.pid) &&
        holder.pid !== process.pid
      ) {
        throw new DataDirLockedError(dataDir, holder.pid);
      }
      if (holder && holder.host !== info.host) {
        throw new DataDirLockedError(dataDir, holder.pid);
      }
      // Stale: the holder died without releasing (our own PID here means a previous life of a
      // container whose server is always PID 1). Remove and try again.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`No se pudo tomar el bloqueo de ${lockPath}.`);
}

function readLock(lockPath: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockInfo;
  } catch {
    // A lock file half-written by a process killed mid-write carries no owner: stale.
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
