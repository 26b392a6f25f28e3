import { describe, expect, it } from "vitest";
import { keepValue, mapReady, replyWhenReady, valueNow } from "./ready.js";

describe("a value ready now or later", () => {
  it("is known once its promise has resolved, and never for a rejected one", async () => {
    const resolved = keepValue(Promise.resolve({ bytes: 3 }));
    expect(valueNow(resolved)).toBeUndefined();
    await resolved;
    expect(valueNow(resolved)).toEqual({ bytes: 3 });
    const rejected = keepValue(Promise.reject(new Error("falló")));
    await expect(rejected).rejects.toThrow("falló");
    expect(valueNow(rejected)).toBeUndefined();
    expect(valueNow(Promise.resolve(1))).toBeUndefined();
    expect(valueNow(undefined)).toBeUndefined();
  });

  it("is used in the same turn when ready, once resolved when not", async () => {
    expect(mapReady(2, (n) => n * 10)).toBe(20);
    const later = mapReady(Promise.resolve(2), (n) => n * 10);
    expect(later).toBeInstanceOf(Promise);
    await expect(later).resolves.toBe(20);
  });

  it("answers a request in the same turn, or through the promise a route handler returns", async () => {
    const sent: number[] = [];
    expect(replyWhenReady(1, (n) => sent.push(n))).toBeUndefined();
    expect(sent).toEqual([1]);
    const later = replyWhenReady(Promise.resolve(2), (n) => sent.push(n));
    expect(sent).toEqual([1]);
    await later;
    expect(sent).toEqual([1, 2]);
    await expect(
      replyWhenReady(Promise.reject(new Error("no")), (n) => sent.push(n)),
    ).rejects.toThrow("no");
  });
});
