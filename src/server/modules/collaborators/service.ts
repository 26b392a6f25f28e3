import type { InviteCollaboratorRequest } from "../../../contracts/collaborators.js";
import type { Database } from "../../db/client.js";
import type { Actor } from "../../lib/audit.js";
import { type CreatedUser, createUser, updateUser, type WelcomeOptions } from "../users/service.js";

/**
 * The designated liaison invites a collaborator of its own municipality: an account with the
 * collaborator role, welcomed by e-mail like any new account (the caller checked the policy).
 */
export function inviteCollaborator(
  db: Database,
  cvegeo: string,
  invitation: InviteCollaboratorRequest,
  actor: Actor,
  welcome: WelcomeOptions,
): Promise<CreatedUser> {
  return createUser(
    db,
    { ...invitation, role: "collaborator", municipality: cvegeo },
    actor,
    welcome,
  );
}

/**
 * Deactivates or reactivates a collaborator of the municipality. Any other account (a liaison,
 * staff, another municipality's collaborator) is not found: the liaison manages its collaborators
 * only. Deactivating ends the account's sessions and tokens (`updateUser`).
 */
export function setCollaboratorActive(
  db: Database,
  cvegeo: string,
  id: string,
  active: boolean,
  actor: Actor,
): Promise<void> {
  return updateUser(
    db,
    id,
    { active },
    actor,
    (current) => current.role === "collaborator" && current.municipalityCvegeo === cvegeo,
  );
}
