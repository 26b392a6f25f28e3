import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's serious and critical violations on the current page (run through DevTools: CSP),
 * once no list is dimmed (`.is-refreshing`) while new results load and no colour is mid-transition:
 * those are passing moments, and their contrast is not the page's.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.locator(".is-refreshing").first().waitFor({ state: "detached", timeout: 60_000 });
  // A button just pressed changes its colours over 0.15 s: mid-transition they are between two
  // states, not the page's either. Finite transitions and animations end first (5 s at most).
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 5_000)),
    ]),
  );
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
