import { InviteCollaboratorRequest } from "../../../contracts/collaborators.js";
import { Cvegeo, Uuid } from "../../../contracts/common.js";
import { User, UserWithPassword } from "../../../contracts/users.js";
import { z } from "../../../contracts/zod.js";
import { canManageCollaborators } from "../../../domain/policy.js";
import { AppError } from "../../lib/errors.js";
import { routesOf } from "../../lib/operations.js";
import { assertCanSeeMunicipality } from "../../lib/scope.js";
import type { AuthContext } from "../../plugins/auth.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getUser, listUsers } from "../users/queries.js";
import { presentCreated, welcomeOptions } from "../users/routes.js";
import { inviteCollaborator, setCollaboratorActive } from "./service.js";

const tags = ["colaboradores"];
const CvegeoParams = z.object({ cvegeo: Cvegeo });
const CollaboratorParams = z.object({ cvegeo: Cvegeo, id: Uuid });
const MAX_ACCOUNTS = 200;

/** 404 for another municipality, 403 for whoever sees it but is not its designated liaison. */
function assertManages(auth: AuthContext | null, cvegeo: string): AuthContext {
  const seen = assertCanSeeMunicipality(auth, cvegeo, "El municipio");
  if (!canManageCollaborators(seen.user, cvegeo)) {
    throw new AppError(
      "forbidden",
      "Solo el enlace designado del municipio invita y desactiva a sus colaboradores.",
    );
  }
  return seen;
}

export async function collaboratorRoutes(app: App): Promise<void> {
  const route = routesOf(app, tags);
  const { db, config, now } = app.deps;

  route.getOfMunicipality(
    "/api/municipalities/:cvegeo/accounts",
    "Cuentas del municipio: su enlace y sus colaboradores",
    z.array(User),
    async (cvegeo) => {
      const accounts = await listUsers(db, {
        municipality: cvegeo,
        page: 1,
        pageSize: MAX_ACCOUNTS,
      });
      return accounts.items;
    },
  );

  route.post(
    "/api/municipalities/:cvegeo/collaborators",
    "Invitar a un colaborador del municipio (enlace designado)",
    { params: CvegeoParams, body: InviteCollaboratorRequest, response: { 201: UserWithPassword } },
    async (request, reply) => {
      assertManages(request.auth, request.params.cvegeo);
      const created = await inviteCollaborator(
        db,
        request.params.cvegeo,
        request.body,
        actorOf(request),
        welcomeOptions(config, now()),
      );
      reply.code(201);
      return presentCreated(db, created);
    },
  );

  for (const [verb, active] of [
    ["deactivate", false],
    ["reactivate", true],
  ] as const) {
    app.post(
      `/api/municipalities/:cvegeo/collaborators/:id/${verb}`,
      {
        schema: {
          tags,
          summary: active
            ? "Reactivar a un colaborador del municipio (enlace designado)"
            : "Desactivar a un colaborador del municipio (enlace designado)",
          params: CollaboratorParams,
          response: { 200: User },
        },
      },
      async (request) => {
        assertManages(request.auth, request.params.cvegeo);
        await setCollaboratorActive(
          db,
          request.params.cvegeo,
          request.params.id,
          active,
          actorOf(request),
        );
        return getUser(db, request.params.id);
      },
    );
  }
}
