import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { portalShell } from "./scripts/vite-portal-shell.js";
import { precompress } from "./scripts/vite-precompress.js";
import { routePreloadsPlugin } from "./scripts/vite-route-preloads.js";
import { sharedChunkPlugin } from "./scripts/vite-shared-chunk.js";

// The web app lives in src/web and is built into dist/web, which the Fastify server serves.
export default defineConfig({
  root: "src/web",
  plugins: [
    react(),
    portalShell(),
    sharedChunkPlugin(),
    routePreloadsPlugin(fileURLToPath(new URL("./src/web/app/router.tsx", import.meta.url))),
    precompress(),
  ],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    // Maps are written for whoever reads a stack trace from the server's folder, but no script
    // points to them and the server never sends them (src/server/plugins/web.ts): the source
    // stays off the public internet.
    sourcemap: "hidden",
    // Everything ships as files: the Content-Security-Policy allows no inline code.
    assetsInlineLimit: 0,
  },
  server: {
    port: 5173,
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
});
