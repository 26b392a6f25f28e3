import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { portalShell } from "./scripts/vite-portal-shell.js";
import { precompress } from "./scripts/vite-precompress.js";

// The web app lives in src/web and is built into dist/web, which the Fastify server serves.
export default defineConfig({
  root: "src/web",
  plugins: [react(), portalShell(), precompress()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    sourcemap: true,
    // Everything ships as files: the Content-Security-Policy allows no inline code.
    assetsInlineLimit: 0,
  },
  server: {
    port: 5173,
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
});
