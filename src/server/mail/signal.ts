/**
 * A process-local nudge: "e-mail was queued". `notify` raises it inside the caller's transaction;
 * the outbox sender listens and drains shortly after (once the transaction has committed), and
 * also polls, so a nudge that came too early (or from another process) is never needed.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

/** Called by `notify` when it wrote outbox rows. */
export function mailQueued(): void {
  for (const listener of listeners) {
    listener();
  }
}

/** Subscribes to the nudge; returns the unsubscribe function. */
export function onMailQueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
