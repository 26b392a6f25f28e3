/**
 * The layers of docs/architecture.md, checked on every import of every source file: the domain
 * depends on nothing (no framework, no I/O, no other layer), contracts only on the domain, and
 * the web app and the server never on each other. A forbidden arrow fails here, naming the file.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname);
type Layer = "domain" | "contracts" | "server" | "web" | "cli";

/** What each layer may import besides itself: other layers, and packages or node built-ins. */
const ALLOWED: Record<Layer, { layers: Layer[]; packages: boolean }> = {
  domain: { layers: [], packages: false },
  contracts: { layers: ["domain"], packages: true },
  server: { layers: ["domain", "contracts"], packages: true },
  web: { layers: ["domain", "contracts"], packages: true },
  cli: { layers: ["domain", "contracts", "server"], packages: true },
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(full);
    }
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function layerOf(file: string): Layer | null {
  const top = path.relative(SRC, file).split(path.sep)[0];
  return top && top in ALLOWED ? (top as Layer) : null;
}

/** Every module a file imports or re-exports, statically or dynamically. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const found = new Set<string>();
  for (const pattern of [
    /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']/g,
    /(?:^|\n)\s*import\s+["']([^"']+)["']/g,
    /import\(\s*["']([^"']+)["']\s*\)/g,
  ]) {
    for (const match of text.matchAll(pattern)) {
      found.add(match[1] as string);
    }
  }
  return [...found];
}

/** Tests may use their runner, node and fixtures; the rule is about what ships. */
const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.endsWith("test-fixtures.ts");

function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const layer = layerOf(file);
    if (!layer) {
      continue;
    }
    for (const specifier of importsOf(file)) {
      const where = `${path.relative(SRC, file)} → ${specifier}`;
      if (!specifier.startsWith(".")) {
        if (!ALLOWED[layer].packages && !isTest(file)) {
          found.push(`${where} (the domain imports no package or node module)`);
        }
        continue;
      }
      const target = layerOf(path.resolve(path.dirname(file), specifier));
      // A server test may drive the CLI, which is the server's face in the shell.
      const testOfCli = isTest(file) && layer === "server" && target === "cli";
      if (target && target !== layer && !ALLOWED[layer].layers.includes(target) && !testOfCli) {
        found.push(`${where} (${layer} may not depend on ${target})`);
      }
    }
  }
  return found;
}

describe("the architecture's layers", () => {
  it("has no forbidden import in any source file", () => {
    expect(violations()).toEqual([]);
  });

  it("sees the imports it checks (the scan itself works)", () => {
    const server = importsOf(path.join(SRC, "server/app.ts"));
    expect(server).toContain("fastify");
    expect(server.some((s) => s.includes("/contracts/") || s.startsWith("../contracts"))).toBe(
      true,
    );
    expect(layerOf(path.join(SRC, "domain/scores.ts"))).toBe("domain");
  });
});
