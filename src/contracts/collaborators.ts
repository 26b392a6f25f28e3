import { Email } from "./common.js";
import { z } from "./zod.js";

/** A liaison invites a collaborator of its municipality: the account gets a welcome e-mail. */
export const InviteCollaboratorRequest = z.object({
  email: Email,
  name: z.string().trim().min(1).max(200),
});
export type InviteCollaboratorRequest = z.infer<typeof InviteCollaboratorRequest>;
