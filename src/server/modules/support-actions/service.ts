/**
 * The use cases of support actions, one file per group, each use case its own transaction with
 * its audit event inside: planning and editing (`plan.ts`), cancelling, rescheduling and holding
 * (`status.ts`), the minutes (`minutes.ts`), attendance (`attendance.ts`) and commitments
 * (`commitments.ts`). Their shared checks are in `checks.ts`, the lists an action refers to in
 * `relations.ts`, its audit events in `action-audit.ts`; reads are in `queries.ts`.
 */
export { addAttendee, removeAttendee } from "./attendance.js";
export { addCommitment, changeCommitmentStatus } from "./commitments.js";
export { attachMinutesFile, openMinutesFile, saveMinutes } from "./minutes.js";
export {
  type CreateActionInput,
  createSupportAction,
  type UpdateActionInput,
  updateSupportAction,
} from "./plan.js";
export {
  cancelSupportAction,
  markSupportActionHeld,
  rescheduleSupportAction,
} from "./status.js";
