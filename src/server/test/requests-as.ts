import type { LightMyRequestResponse } from "fastify";
import type { App } from "../types.js";
import type { Session } from "./factories.js";

/**
 * A request as a signed-in person (their cookie and CSRF token), for the test files whose context
 * has no `ctx.get`/`ctx.send` (the mail tests' app). `ctx.app` is read when the request is sent,
 * as the app is built in the file's `beforeAll`.
 */
export function sendAs(
  ctx: { app: App },
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  session: Pick<Session, "headers">,
  payload?: object,
): Promise<LightMyRequestResponse> {
  return ctx.app.inject({ method, url, headers: session.headers, payload });
}
