import type { SessionUser } from "../../../contracts/auth.js";
import type { WorkView } from "../../../domain/my-work.js";

/**
 * The views of «Mi trabajo» a person sees, in order: a municipality's pending work for liaisons
 * and collaborators, the review queue for reviewers, and for admins their administration list
 * before the queue they may also review.
 */
export function workViewsFor(user: Pick<SessionUser, "role">): WorkView[] {
  switch (user.role) {
    case "liaison":
    case "collaborator":
      return ["municipality"];
    case "reviewer":
      return ["review"];
    case "admin":
      return ["admin", "review"];
  }
}
