import { count, eq } from "drizzle-orm";
import type { ModelContent } from "../../domain/model.js";
import { MODEL_2022 } from "../../domain/model-2022.js";
import type { Role } from "../../domain/roles.js";
import type { Database, Executor } from "../db/client.js";
import { institution, modelVersions, users } from "../db/schema/index.js";
import { recordAudit, SYSTEM_ACTOR } from "../lib/audit.js";
import { generatePassword } from "../lib/passwords.js";
import { registerAgreement } from "../modules/agreements/service.js";
import { designateLiaison } from "../modules/liaisons/service.js";
import { insertContent } from "../modules/model/service.js";
import { createUser } from "../modules/users/service.js";
import { readMunicipalitiesCsv, seedMunicipalities } from "./municipalities.js";

/** The demo institution. Its name is data: a successor body changes it in the admin screen. */
export const DEMO_INSTITUTION = {
  name: "Instituto de Transparencia, Acceso a la Información Pública y Protección de Datos Personales del Estado de México y Municipios",
  shortName: "Infoem",
  unitName:
    "Dirección General de Transparencia, Acceso a la Información Pública y Gobierno Abierto",
  stateName: "Estado de México",
};

/**
 * Reference data every instance needs: the institution, the municipalities, the first model.
 * Idempotent: runs at every start and only fills what is missing.
 */
export async function seedReferenceData(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(institution)
      .values({ id: 1, ...DEMO_INSTITUTION })
      .onConflictDoNothing();
    await seedMunicipalities(tx, readMunicipalitiesCsv());
    const [versions] = await tx.select({ n: count() }).from(modelVersions);
    if ((versions?.n ?? 0) === 0) {
      await seedModel(tx, MODEL_2022);
    }
  });
}

async function seedModel(tx: Executor, content: ModelContent): Promise<void> {
  const [draft] = await tx
    .insert(modelVersions)
    .values({
      label: content.label,
      status: "draft",
      surveyQuestionnaire: content.surveyQuestionnaire ?? null,
    })
    .returning({ id: modelVersions.id });
  if (!draft) {
    throw new Error("insert returned no row");
  }
  await insertContent(tx, draft.id, content);
  await tx
    .update(modelVersions)
    .set({ status: "published", version: 1, publishedAt: new Date() })
    .where(eq(modelVersions.id, draft.id));
  await recordAudit(tx, SYSTEM_ACTOR, {
    action: "model.published",
    entityType: "model_version",
    entityId: draft.id,
    after: { version: 1, label: content.label, seeded: true },
  });
}

export interface DemoCredential {
  role: Role;
  email: string;
  name: string;
  municipality: string | null;
  password: string;
}

const DEMO_ACCOUNTS: Omit<DemoCredential, "password">[] = [
  { role: "admin", email: "admin@mrtm.test", name: "Administración MRTM", municipality: null },
  { role: "reviewer", email: "revisor@mrtm.test", name: "Revisora MRTM", municipality: null },
  {
    role: "liaison",
    email: "enlace.toluca@mrtm.test",
    name: "Enlace de Toluca",
    municipality: "15106",
  },
  {
    role: "collaborator",
    email: "colaborador.toluca@mrtm.test",
    name: "Colaborador de Toluca",
    municipality: "15106",
  },
];

/**
 * One demo account per role, with random passwords, created only when the instance has no users
 * at all. The passwords are returned so the first start can print them once; they are stored
 * nowhere else.
 */
export async function seedDemoAccounts(db: Database): Promise<DemoCredential[]> {
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) {
    return [];
  }
  const created: DemoCredential[] = [];
  let liaisonId: string | null = null;
  for (const account of DEMO_ACCOUNTS) {
    const password = generatePassword();
    const { id } = await createUser(db, { ...account, password }, SYSTEM_ACTOR);
    if (account.role === "liaison") {
      liaisonId = id;
    }
    created.push({ ...account, password });
  }
  // The demo municipality takes part from the first cohort's signing day, with its liaison, so a
  // first look at the platform shows the whole cycle rather than empty screens.
  const now = new Date();
  await registerAgreement(
    db,
    { municipality: DEMO_MUNICIPALITY, signedOn: "2022-11-16", cohort: "Cohorte 2022" },
    SYSTEM_ACTOR,
    now,
  );
  if (liaisonId) {
    await designateLiaison(
      db,
      { municipality: DEMO_MUNICIPALITY, userId: liaisonId, designatedOn: "2022-11-16" },
      SYSTEM_ACTOR,
      now,
    );
  }
  return created;
}

const DEMO_MUNICIPALITY = "15106";
