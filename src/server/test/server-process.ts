import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import { PACKAGE_ROOT } from "../config.js";

/** A port nothing listens on now, for a server process of a test. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The real server as a child process, and everything it wrote so far. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  output: string[];
}

/**
 * Starts the real server (`node --import tsx src/server/main.ts`, in production mode, on
 * 127.0.0.1 and a free port) with the given settings on top of this process's environment, less
 * its DATABASE_URL (a test says which database, or none for PGlite). Does not wait for it.
 */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const output: string[] = [];
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: PACKAGE_ROOT,
    env: { ...inherited, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return { child, port, output };
}
