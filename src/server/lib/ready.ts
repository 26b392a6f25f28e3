/**
 * A cached read's value, now or later: a read whose answer is already in memory answers in the
 * same turn, with no promise and no hop through the microtask queue; one that has to be computed
 * first is a promise (issue 18: the hops were a measurable share of a cached read).
 */
export type Ready<T> = T | Promise<T>;

const settledValues = new WeakMap<object, { value: unknown }>();

/** Keeps what `promise` resolves to, for `valueNow`. A rejection is left to the caller. */
export function keepValue<T>(promise: Promise<T>): Promise<T> {
  promise.then(
    (value) => settledValues.set(promise, { value }),
    () => undefined,
  );
  return promise;
}

/** What a promise given to `keepValue` resolved to, or undefined while it has not (or is none). */
export function valueNow<T>(promise: unknown): T | undefined {
  return typeof promise === "object" && promise !== null
    ? (settledValues.get(promise)?.value as T | undefined)
    : undefined;
}

/** A promise given to `keepValue`, as its value once it has resolved. */
export function readyOf<T>(promise: Promise<T>): Ready<T> {
  return valueNow<T>(promise) ?? promise;
}

/** `use` applied to the value: at once when it is ready, once it resolves when it is not. */
export function mapReady<T, R>(value: Ready<T>, use: (value: T) => Ready<R>): Ready<R> {
  return value instanceof Promise ? value.then(use) : use(value);
}

/**
 * A route handler's answer with `send`: in this very turn when the value is ready (the handler
 * then returns nothing, as Fastify asks of a handler that has replied), or once it resolves.
 */
export function replyWhenReady<T>(
  value: Ready<T>,
  send: (value: T) => unknown,
): Promise<void> | undefined {
  if (value instanceof Promise) {
    return value.then((ready) => {
      send(ready);
    });
  }
  send(value);
  return undefined;
}
