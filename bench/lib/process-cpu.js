// CPU time of a process or thread (Linux /proc).
import fs from "node:fs";

/** The kernel's clock ticks per second (USER_HZ): 100 on Linux everywhere these benches run. */
const CLOCK_TICKS = 100;

/**
 * CPU time (µs) read from a `/proc/…/stat` file (a process's, a thread's under task/, or
 * /proc/self/stat): its own user + system, and its waited-for children's. Null once it is gone.
 * Ticks are 10 ms: compare spans long enough for that.
 */
export function cpuFromStat(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
  // The name (field 2) may hold spaces and parentheses: count the fields after its last ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const micros = (a, b) => ((Number(fields[a]) + Number(fields[b])) * 1e6) / CLOCK_TICKS;
  return { own: micros(11, 12), children: micros(13, 14) };
}
