import { eq } from "drizzle-orm";
import { NOTIFICATION_KINDS_BY_ROLE } from "../../domain/notifications.js";
import { foldForSearch } from "../../domain/text.js";
import type { Database } from "../db/client.js";
import { agreements } from "../db/schema/index.js";
import type { Actor } from "../lib/audit.js";
import { generatePassword } from "../lib/passwords.js";
import { recordAdministration } from "../modules/administrations/service.js";
import { recordAgreementChange } from "../modules/agreements/service.js";
import { designateLiaison } from "../modules/liaisons/service.js";
import { savePreferences } from "../modules/notifications/service.js";
import { createUser } from "../modules/users/service.js";
import type { DemoAccount } from "./demo-progress.js";

/**
 * The demo municipality that lives through a change of administration (issue 16): its first
 * liaison works under the 2022–2024 administration; the administration that took office on
 * 1 January 2025 ratifies the agreement and designates a new liaison, who carries on from there.
 */
export const DEMO_HANDOVER = {
  cvegeo: "15054",
  /** The day the new administration ratified the agreement and named its liaison. */
  on: "2025-01-20",
  previous: { startsOn: "2022-01-01", endsOn: "2024-12-31", headName: "Administración 2022–2024" },
  current: { startsOn: "2025-01-01", endsOn: "2027-12-31", headName: "Administración 2025–2027" },
} as const;

/**
 * Ratifies the agreement and designates the new liaison on the handover day (the previous one's
 * account is deactivated, as a designation does), and returns the new liaison's account.
 */
export async function playDemoHandover(
  db: Database,
  municipality: { cvegeo: string; name: string },
  staff: Actor,
  at: Date,
): Promise<DemoAccount> {
  const [agreement] = await db
    .select({ id: agreements.id })
    .from(agreements)
    .where(eq(agreements.municipalityCvegeo, municipality.cvegeo));
  if (!agreement) {
    throw new Error(`The demo handover needs ${municipality.cvegeo}'s agreement.`);
  }
  await recordAgreementChange(
    db,
    agreement.id,
    {
      kind: "ratification",
      effectiveOn: DEMO_HANDOVER.on,
      reason: "La administración 2025–2027 ratifica el convenio en sesión de cabildo.",
    },
    staff,
    at,
  );
  const name = `Nueva enlace de ${municipality.name}`;
  const email = `enlace2025.${foldForSearch(municipality.name).replace(/[^a-z0-9]+/g, "-")}@mrtm.test`;
  const { id } = await createUser(
    db,
    {
      email,
      name,
      role: "liaison",
      municipality: municipality.cvegeo,
      password: generatePassword(),
    },
    staff,
  );
  await designateLiaison(
    db,
    { municipality: municipality.cvegeo, userId: id, designatedOn: DEMO_HANDOVER.on },
    staff,
    at,
  );
  const account: DemoAccount = {
    user: {
      id,
      email,
      name,
      role: "liaison",
      municipality,
      mustChangePassword: false,
      designatedLiaison: true,
    },
    actor: { id, label: `${name} <${email}>`, ip: null },
  };
  // Nobody reads the demo's mailboxes: their notices stay in the app, not in the outbox.
  await savePreferences(
    db,
    account.user,
    NOTIFICATION_KINDS_BY_ROLE.liaison.map((kind) => ({ kind, email: false })),
    account.actor,
  );
  return account;
}

/** The two constitutional terms, as the institute records them once the handover is known. */
export async function recordDemoAdministrations(db: Database, staff: Actor): Promise<void> {
  for (const term of [DEMO_HANDOVER.previous, DEMO_HANDOVER.current]) {
    await recordAdministration(db, DEMO_HANDOVER.cvegeo, term, staff);
  }
}
