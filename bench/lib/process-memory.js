// Resident memory of a process (Linux /proc), and its peak over a span of time.
import fs from "node:fs";

function status(pid) {
  return fs.readFileSync(`/proc/${pid}/status`, "utf8");
}

const field = (text, name) =>
  Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024;

/** Current resident set size, in bytes. */
export function rss(pid = process.pid) {
  return field(status(pid), "VmRSS");
}

/**
 * Measures a process's peak RSS while `work` runs: resets the kernel's high-water mark
 * (/proc/<pid>/clear_refs, "5") and reads VmHWM after; where that is refused, samples VmRSS
 * every 5 ms. Returns the work's result with the RSS before and the peak.
 */
export async function peakDuring(pid, work) {
  let exact = true;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    exact = false;
  }
  const before = rss(pid);
  let sampled = before;
  const timer = setInterval(() => {
    try {
      sampled = Math.max(sampled, rss(pid));
    } catch {
      // the process ended
    }
  }, 5);
  try {
    const value = await work();
    const peak = exact ? Math.max(field(status(pid), "VmHWM"), sampled) : sampled;
    return { value, before, peak, growth: Math.max(0, peak - before) };
  } finally {
    clearInterval(timer);
  }
}
