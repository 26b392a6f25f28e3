import { parseArgs } from "node:util";
import { ImportRefusedError } from "../server/archive/import.js";
import { loadConfig } from "../server/config.js";
import { DataDirLockedError } from "../server/db/data-lock.js";
import { AppError } from "../server/lib/errors.js";
import { startDatabase } from "../server/startup.js";
import { createBlobStore } from "../server/storage/index.js";
import {
  CliCannotCheck,
  CliCheckFailed,
  runArchiveCommand,
  runCommand,
  USAGE,
} from "./commands.js";

/** `npx mrtm …`: administration from the shell, on the same database the server uses. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      municipality: { type: "string" },
      out: { type: "string" },
      "expect-last": { type: "string" },
      anchor: { type: "string" },
      "dry-run": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(USAGE);
    return positionals.length === 0 && !values.help ? 1 : 0;
  }
  const config = loadConfig();
  const { handle } = await startDatabase(config, { seedDemo: false });
  try {
    const output =
      (await runArchiveCommand(handle.db, createBlobStore(config), positionals, values)) ??
      (await runCommand(handle.db, positionals, values, {
        env: process.env,
        stdin: process.stdin,
        stdout: process.stdout,
      }));
    process.stdout.write(output);
    return 0;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof CliCheckFailed) {
      process.stdout.write(error.message);
      process.exit(1);
    }
    if (
      error instanceof AppError ||
      error instanceof CliCannotCheck ||
      error instanceof DataDirLockedError ||
      error instanceof ImportRefusedError
    ) {
      process.stderr.write(`Error: ${error.message}\n`);
      if (error instanceof AppError && error.details) {
        for (const detail of error.details) {
          process.stderr.write(`  ${detail.field}: ${detail.message}\n`);
        }
      }
      process.exit(2);
    }
    if (error instanceof Error && error.name === "CliUsageError") {
      process.stderr.write(`Error: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    process.stderr.write(
      `Error inesperado: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
