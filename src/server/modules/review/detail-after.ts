import type { FastifyRequest } from "fastify";
import type { Actor } from "../../lib/audit.js";
import { type AuthUser, actorOf, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getInstanceDetail } from "./queries.js";

/**
 * What the review and evidence steps share: the step runs as the signed-in user, and the answer is
 * the tool instance as the user now sees it: the one whose id the step returns (answering an
 * observation, changing a file), or else the one in the path.
 */
export function detailAfter(app: App) {
  const { db, now } = app.deps;
  return async (
    request: FastifyRequest & { params: { id: string } },
    step: (user: AuthUser, actor: Actor, at: Date) => Promise<unknown>,
  ) => {
    const { user } = requireUser(request);
    const named = await step(user, actorOf(request), now());
    return getInstanceDetail(
      db,
      typeof named === "string" ? named : request.params.id,
      user,
      now(),
    );
  };
}
