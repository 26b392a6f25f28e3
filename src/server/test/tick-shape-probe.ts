// Run by tick-shape.test.ts as `node --allow-natives-syntax --expose-gc --import tsx <this>
// [keep]`: queues next ticks, runs full collections with nothing queued, queues more, and prints
// V8's view of `process.nextTick` (its feedback slots' states among it).
import { keepTickShape } from "../lib/tick-shape.js";

if (process.argv[2] === "keep") {
  keepTickShape();
}
const debugPrint = new Function("f", "%DebugPrint(f)") as (f: unknown) => void;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  throw new Error("run with --expose-gc");
}

async function ticks(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await new Promise<void>((resolve) => process.nextTick(resolve));
  }
}

await ticks(200);
for (let i = 0; i < 5; i++) {
  gc();
}
await ticks(200);
debugPrint(process.nextTick);
