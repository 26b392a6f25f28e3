import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { ToolInstance } from "../../contracts/participation.js";
import type { Role } from "../../domain/roles.js";
import type { Database } from "../db/client.js";
import { liaisonDesignations } from "../db/schema/index.js";
import { SYSTEM_ACTOR } from "../lib/audit.js";
import { registerAgreement } from "../modules/agreements/service.js";
import { createUser } from "../modules/users/service.js";
import type { App } from "../types.js";

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  municipality: string | null;
}

/**
 * Creates a user with a known password; liaisons and collaborators default to Toluca (15106).
 * A liaison is also its municipality's designated liaison (liaison powers follow the designation,
 * decision 0012), taking over from the one designated before, unless `designated: false` (a test
 * of the designation itself, or of an account that is not the designated liaison). The previous
 * liaison's account stays active here (unlike a real hand-over), with collaborator powers.
 */
export async function buildUser(
  db: Database,
  role: Role,
  options: { municipality?: string; email?: string; name?: string; designated?: boolean } = {},
): Promise<TestUser> {
  const municipality =
    role === "liaison" || role === "collaborator" ? (options.municipality ?? "15106") : null;
  const email = options.email ?? `${role}-${randomBytes(4).toString("hex")}@prueba.mrtm.test`;
  const password = `Clave-de-prueba-${randomBytes(6).toString("hex")}`;
  const { id } = await createUser(
    db,
    { email, name: options.name ?? `Persona ${role}`, role, municipality, password },
    SYSTEM_ACTOR,
  );
  if (role === "liaison" && municipality && options.designated !== false) {
    await designateForTest(db, municipality, id);
  }
  return { id, email, password, role, municipality };
}

/** Makes a liaison account its municipality's current designated liaison, directly in the table. */
async function designateForTest(db: Database, municipality: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .update(liaisonDesignations)
      .set({ endedAt: now })
      .where(
        and(
          eq(liaisonDesignations.municipalityCvegeo, municipality),
          isNull(liaisonDesignations.endedAt),
        ),
      );
    await tx.insert(liaisonDesignations).values({
      municipalityCvegeo: municipality,
      userId,
      designatedOn: now.toISOString().slice(0, 10),
    });
  });
}

/** Headers a signed-in browser sends: the session cookie and, for writes, the CSRF token. */
export interface Session {
  cookie: string;
  csrfToken: string;
  /** Headers for a write: cookie + CSRF token. */
  headers: Record<string, string>;
}

export async function signIn(
  app: App,
  user: Pick<TestUser, "email" | "password">,
): Promise<Session> {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: user.email, password: user.password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`sign-in failed for ${user.email}: ${response.statusCode} ${response.body}`);
  }
  const cookie = response.cookies.find((c) => c.name === "mrtm_session");
  if (!cookie) {
    throw new Error("no session cookie");
  }
  const { csrfToken } = JSON.parse(response.body) as { csrfToken: string };
  const header = `mrtm_session=${cookie.value}`;
  return { cookie: header, csrfToken, headers: { cookie: header, "x-csrf-token": csrfToken } };
}

/** A user of the given role, already signed in. */
export async function signedIn(
  app: App,
  role: Role,
  options: { municipality?: string; designated?: boolean } = {},
) {
  const user = await buildUser(app.deps.db, role, options);
  return { user, session: await signIn(app, user) };
}

/**
 * An evidence row for review tests, which never read the file. (Upload tests go through the real
 * upload route and blob store.)
 */
export async function addEvidenceRow(
  db: Database,
  instanceId: string,
  uploadedBy: string,
): Promise<string> {
  const { evidenceFiles, toolInstances } = await import("../db/schema/index.js");
  const { eq, count } = await import("drizzle-orm");
  const [instance] = await db.select().from(toolInstances).where(eq(toolInstances.id, instanceId));
  const [existing] = await db
    .select({ n: count() })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.toolInstanceId, instanceId));
  const [row] = await db
    .insert(evidenceFiles)
    .values({
      toolInstanceId: instanceId,
      municipalityCvegeo: instance?.municipalityCvegeo ?? "",
      version: (existing?.n ?? 0) + 1,
      blobKey: `test/${randomBytes(8).toString("hex")}`,
      sha256: randomBytes(32).toString("hex"),
      size: 1234,
      mime: "application/pdf",
      fileName: "politica.pdf",
      effectiveOn: "2023-01-10",
      uploadedBy,
    })
    .returning({ id: evidenceFiles.id });
  return row?.id ?? "";
}

/**
 * Makes a municipality (Toluca, 15106, unless told) a participant: an agreement signed on
 * 2022-11-16 in «Cohorte 2022», registered by the system, with every tool instance it creates.
 * `now` is the registration's clock (today unless told). Returns the agreement's id.
 */
export async function registerTestAgreement(
  db: Database,
  municipality = "15106",
  options: { signedOn?: string; cohort?: string; now?: Date } = {},
): Promise<string> {
  return registerAgreement(
    db,
    {
      municipality,
      signedOn: options.signedOn ?? "2022-11-16",
      cohort: options.cohort ?? "Cohorte 2022",
    },
    SYSTEM_ACTOR,
    options.now ?? new Date(),
  );
}

/**
 * A municipality's instance of a tool (the whole tool unless a part is named; the first cycle
 * listed), as someone of the municipality sees it in its tool list. Throws when there is none.
 */
export async function toolInstanceOf(
  app: App,
  session: Pick<Session, "cookie">,
  tool: string,
  options: { municipality?: string; part?: string | null } = {},
): Promise<ToolInstance> {
  const response = await app.inject({
    method: "GET",
    url: `/api/municipalities/${options.municipality ?? "15106"}/tools`,
    headers: { cookie: session.cookie },
  });
  if (response.statusCode !== 200) {
    throw new Error(`tool list: ${response.statusCode} ${response.body}`);
  }
  const part = options.part ?? null;
  const found = (JSON.parse(response.body) as ToolInstance[]).find(
    (instance) => instance.tool === tool && instance.part === part,
  );
  if (!found) {
    throw new Error(`${tool}${part ?? ""} missing`);
  }
  return found;
}

/** An API token created through «Mi cuenta»'s route, with the header an integration sends. */
export interface TestToken {
  id: string;
  secret: string;
  /** `Authorization: Bearer …`: no cookie, no CSRF token. */
  headers: Record<string, string>;
}

export async function createToken(
  app: App,
  session: Session,
  scope: "read" | "write",
  options: { name?: string; expiresInDays?: number } = {},
): Promise<TestToken> {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/tokens",
    headers: session.headers,
    payload: {
      name: options.name ?? `Integración ${scope}`,
      scope,
      expiresInDays: options.expiresInDays ?? 30,
    },
  });
  if (response.statusCode !== 201) {
    throw new Error(`token creation failed: ${response.statusCode} ${response.body}`);
  }
  const { token, secret } = JSON.parse(response.body) as { token: { id: string }; secret: string };
  return { id: token.id, secret, headers: { authorization: `Bearer ${secret}` } };
}

/**
 * A municipality's new liaison sends one of its tools to review: an evidence row, the tool in
 * progress, then the real submit route. Returns the instance's id.
 */
export async function sentToReview(app: App, cvegeo: string, tool: string): Promise<string> {
  const { toolInstances } = await import("../db/schema/index.js");
  const { eq } = await import("drizzle-orm");
  const liaison = await signedIn(app, "liaison", { municipality: cvegeo });
  const instance = await toolInstanceOf(app, liaison.session, tool, { municipality: cvegeo });
  await addEvidenceRow(app.deps.db, instance.id, liaison.user.id);
  await app.deps.db
    .update(toolInstances)
    .set({ state: "in_progress" })
    .where(eq(toolInstances.id, instance.id));
  const response = await app.inject({
    method: "POST",
    url: `/api/tool-instances/${instance.id}/submit`,
    headers: liaison.session.headers,
  });
  if (response.statusCode !== 200) {
    throw new Error(`submit: ${response.statusCode} ${response.body}`);
  }
  return instance.id;
}
