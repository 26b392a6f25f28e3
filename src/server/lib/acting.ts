import type { FastifyRequest } from "fastify";
import { type AuthUser, actorOf, requireUser } from "../plugins/auth.js";
import type { Actor } from "./audit.js";

/** Who acts in a use case and when: the signed-in user, the actor its audit events name, now. */
export interface Acting {
  user: AuthUser;
  actor: Actor;
  now: Date;
}

/** The request's `Acting`: its signed-in user (401 without one), its actor and the app's clock. */
export function actingOf(request: FastifyRequest, now: () => Date): Acting {
  return { user: requireUser(request).user, actor: actorOf(request), now: now() };
}
