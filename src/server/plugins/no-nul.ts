import type { FastifyInstance } from "fastify";
import { AppError } from "../lib/errors.js";

/**
 * PostgreSQL text cannot hold the NUL character (U+0000): a query with one fails inside the
 * database. No legitimate form sends it, so any NUL in the path, the query string or a JSON body
 * is refused up front with a 400, before validation and before any handler runs.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  // A callback, not an async hook: every request passes here, and a promise per request costs.
  app.addHook("preValidation", (request, _reply, done) => {
    if (containsNul(request.params) || containsNul(request.query) || containsNul(request.body)) {
      done(
        new AppError(
          "validation_error",
          "La petición contiene un carácter nulo (U+0000), que no está permitido.",
        ),
      );
      return;
    }
    done();
  });
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") {
    return value.includes("\u0000");
  }
  if (value === null || typeof value !== "object" || depth > 64 || Buffer.isBuffer(value)) {
    return false;
  }
  // `for…in` rather than `Object.entries`: no array per object on every request's params and query.
  for (const key in value) {
    if (
      Object.hasOwn(value, key) &&
      (key.includes("\u0000") || containsNul((value as Record<string, unknown>)[key], depth + 1))
    ) {
      return true;
    }
  }
  return false;
}
