import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { Plugin } from "vite";

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** Text assets worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

/**
 * Writes a `.br` and a `.gz` copy beside every built text asset, at the highest levels (built
 * once, served many times). The server's static files plugin sends them to browsers that accept
 * them (`preCompressed`), so nothing is compressed per request. See
 * docs/decisions/0007-public-map.md for the figures.
 */
export function precompress(): Plugin {
  return {
    name: "mrtm-precompress",
    apply: "build",
    async writeBundle(options, bundle) {
      const dir = options.dir ?? "";
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => COMPRESSIBLE.test(name))
          .map(async (name) => {
            const file = path.join(dir, name);
            const content = await fs.promises.readFile(file);
            if (content.length < MIN_BYTES) {
              return;
            }
            const [gz, br] = await Promise.all([
              gzip(content, { level: 9 }),
              brotli(content, {
                params: {
                  [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
                  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
                },
              }),
            ]);
            await Promise.all([
              fs.promises.writeFile(`${file}.gz`, gz),
              fs.promises.writeFile(`${file}.br`, br),
            ]);
          }),
      );
    },
  };
}
