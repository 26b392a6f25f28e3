import { createHook } from "node:async_hooks";

/**
 * One entry of node's `process.nextTick` queue, held for the life of the process (decision 0043).
 *
 * Node builds each entry as `{ [async_id_symbol]: …, [trigger_async_id_symbol]: …, callback,
 * args }`. With computed keys first, V8 adds the four properties one at a time, and its feedback
 * for the last three names the intermediate shapes, weakly. Entries live a moment, so a full
 * collection that runs while the queue is empty (building the open data at start does several)
 * frees those shapes. The next entry then meets a cleared feedback slot, which V8 takes for a
 * second shape and marks megamorphic, for good: from then on every `nextTick` (every response
 * written, every stream ended) creates its entry through V8's runtime, ~12 % of a cached read's
 * instructions. An entry that stays alive keeps its shape and, through its back pointers, every
 * intermediate one.
 */
let kept: object | null = null;

/** Captures one `nextTick` entry and keeps it (idempotent). Call before anything else runs. */
export function keepTickShape(): void {
  if (kept !== null) {
    return;
  }
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === "TickObject" && kept === null) {
        kept = resource;
      }
    },
  });
  hook.enable();
  process.nextTick(keptCallback);
  hook.disable();
}

function keptCallback(): void {}
