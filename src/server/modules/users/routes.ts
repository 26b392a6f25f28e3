import { IdParams } from "../../../contracts/common.js";
import {
  CreateUserRequest,
  UpdateUserRequest,
  User,
  UserList,
  UserListQuery,
  UserWithPassword,
} from "../../../contracts/users.js";
import { canAdminister } from "../../../domain/policy.js";
import type { Config } from "../../config.js";
import type { Database } from "../../db/client.js";
import { routesOf } from "../../lib/operations.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getUser, listUsers } from "./queries.js";
import {
  type CreatedUser,
  createUser,
  resetPassword,
  updateUser,
  type WelcomeOptions,
} from "./service.js";

export async function userRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["usuarios"]);
  const { db, config, now } = app.deps;

  route.get(
    "/api/users",
    "Listar cuentas (administradores)",
    { querystring: UserListQuery, response: { 200: UserList } },
    async (request) => listUsers(db, request.query),
    canAdminister,
  );

  route.get(
    "/api/users/:id",
    "Ver una cuenta",
    { params: IdParams, response: { 200: User } },
    async (request) => getUser(db, request.params.id),
    canAdminister,
  );

  route.post(
    "/api/users",
    "Crear una cuenta",
    { body: CreateUserRequest, response: { 201: UserWithPassword } },
    async (request, reply) => {
      const created = await createUser(
        db,
        request.body,
        actorOf(request),
        welcomeOptions(config, now()),
      );
      reply.code(201);
      return presentCreated(db, created);
    },
    canAdminister,
  );

  route.patch(
    "/api/users/:id",
    "Cambiar nombre, rol, municipio o activar/desactivar",
    { params: IdParams, body: UpdateUserRequest, response: { 200: User } },
    async (request) => {
      await updateUser(db, request.params.id, request.body, actorOf(request));
      return getUser(db, request.params.id);
    },
    canAdminister,
  );

  route.post(
    "/api/users/:id/reset-password",
    "Restablecer la contraseña (genera una temporal)",
    { params: IdParams, response: { 200: UserWithPassword } },
    async (request) => {
      const temporaryPassword = await resetPassword(db, request.params.id, actorOf(request));
      return { user: await getUser(db, request.params.id), temporaryPassword };
    },
    canAdminister,
  );
}

/** How a new account is welcomed on this instance: by e-mail, the temporary password only without SMTP. */
export function welcomeOptions(config: Config, now: Date): WelcomeOptions {
  return { publicUrl: config.publicUrl, now, showTemporaryPassword: config.mail === null };
}

/** A created account as the API answers it. */
export async function presentCreated(db: Database, created: CreatedUser) {
  return {
    user: await getUser(db, created.id),
    temporaryPassword: created.temporaryPassword,
    welcomeLinkExpiresAt: created.welcomeLinkExpiresAt?.toISOString() ?? null,
  };
}
