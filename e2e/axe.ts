import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's serious and critical violations on the current page (run through DevTools: CSP),
 * once no list is dimmed (`.is-refreshing`) while new results load: a dimmed table is a passing
 * moment, and its contrast is not the page's.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.locator(".is-refreshing").first().waitFor({ state: "detached", timeout: 60_000 });
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<unknown> } })
      .axe;
    const results = (await axe.run(document)) as {
      violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
    };
    return results.violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join("; ")}`);
}
