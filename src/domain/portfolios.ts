/**
 * Reviewer portfolios («Mis municipios»): admins assign municipalities to reviewers. A new
 * submission of a municipality is told to the reviewers it is assigned to, plus those who asked to
 * hear of every submission; a municipality nobody has in their portfolio is told to every reviewer,
 * as before portfolios existed.
 */
import { labelledCodes } from "./codes.js";

export interface ReviewerForSubmission {
  id: string;
  /** The municipality that submitted is in this reviewer's portfolio. */
  assigned: boolean;
  /** The reviewer asked to be told of submissions outside their portfolio too. */
  notifyUnassigned: boolean;
}

/** The ids of the reviewers a municipality's new submission is told to. */
export function submissionRecipients(reviewers: readonly ReviewerForSubmission[]): string[] {
  const anyAssigned = reviewers.some((reviewer) => reviewer.assigned);
  return reviewers
    .filter((reviewer) => !anyAssigned || reviewer.assigned || reviewer.notifyUnassigned)
    .map((reviewer) => reviewer.id);
}

/** The review queue's two views: the reviewer's portfolio, or every municipality. */
export const [QUEUE_SCOPES, QUEUE_SCOPE_LABELS] = labelledCodes({
  mine: "Mis municipios",
  all: "Todos",
});
export type QueueScope = (typeof QUEUE_SCOPES)[number];

/** Most municipalities one reviewer may hold: the State of Mexico's 125, with room to spare. */
export const PORTFOLIO_MAX = 2500;
