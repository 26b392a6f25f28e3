// Run by tick-shape.test.ts as `node --allow-natives-syntax --expose-gc --expose-internals
// --import tsx <this> [keep] [big]`: queues next ticks, runs full collections with nothing queued,
// queues more, and prints V8's view of `process.nextTick` (its feedback slots' states among it).
// With `big`, async ids jump past 2^31 in between, as after billions of asynchronous resources.
import { createRequire } from "node:module";
import { keepTickShape } from "../lib/tick-shape.js";

const flags = new Set(process.argv.slice(2));
if (flags.has("keep")) {
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

// Few enough that `nextTick` is not optimized yet: optimized code would retain the shapes it
// names for two more collections, and the case without the kept entry would pass by chance.
await ticks(200);
if (flags.has("big")) {
  const { internalBinding } = createRequire(import.meta.url)("internal/test/binding");
  const { async_id_fields, constants } = internalBinding("async_wrap");
  async_id_fields[constants.kAsyncIdCounter] = 2 ** 31 + 5;
  await ticks(200);
}
for (let i = 0; i < 5; i++) {
  gc();
}
await ticks(200);
debugPrint(process.nextTick);
