import { expect } from "vitest";
import { openDataBytes } from "../modules/public/service.js";
import type { TestContext } from "./app.js";

/**
 * An open dataset as of now. After a change a dataset is served as it was while it is rebuilt in
 * the background (decision 0027): this request starts the rebuild, the next one after it ends
 * gets the new bytes.
 */
export async function freshOpenData(ctx: Pick<TestContext, "app" | "handle">, url: string) {
  const first = await ctx.app.inject({ method: "GET", url });
  expect(first.statusCode, url).toBe(200);
  await openDataBytes(ctx.handle.db).idle();
  return ctx.app.inject({ method: "GET", url });
}
