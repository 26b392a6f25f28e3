/**
 * LibreOffice in headless mode as a real reader of the office files MRTM writes. It is not a
 * dependency of the project (CI does not install it); tests that use it run where it is installed
 * (`apt-get install libreoffice-writer-nogui`) and are skipped elsewhere.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

const SOFFICE = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((file) => existsSync(file));

export const hasLibreOffice = SOFFICE !== undefined;

/**
 * Opens `data` (a file of type `from`) in LibreOffice and saves it as `to`; LibreOffice exits
 * with an error, or writes nothing, when it cannot read the file. A private profile folder lets
 * several conversions run at once.
 */
export async function convertWithLibreOffice(
  data: Buffer,
  from: string,
  to: string,
): Promise<Buffer> {
  if (!SOFFICE) {
    throw new Error("LibreOffice is not installed");
  }
  const folder = await mkdtemp(path.join(tmpdir(), "mrtm-lo-"));
  try {
    const input = path.join(folder, `document.${from}`);
    await writeFile(input, data);
    await run(
      SOFFICE,
      [
        `-env:UserInstallation=file://${path.join(folder, "profile")}`,
        "--headless",
        "--convert-to",
        to,
        "--outdir",
        folder,
        input,
      ],
      { timeout: 90_000 },
    );
    return await readFile(path.join(folder, `document.${to}`));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
