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
import { authorize } from "../../lib/scope.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getUser, listUsers } from "./queries.js";
import { createUser, resetPassword, updateUser } from "./service.js";

const tags = ["usuarios"];

export async function userRoutes(app: App): Promise<void> {
  const { db } = app.deps;

  app.get(
    "/api/users",
    {
      schema: {
        tags,
        summary: "Listar cuentas (administradores)",
        querystring: UserListQuery,
        response: { 200: UserList },
      },
    },
    async (request) => {
      authorize(request, canAdminister);
      return listUsers(db, request.query);
    },
  );

  app.get(
    "/api/users/:id",
    { schema: { tags, summary: "Ver una cuenta", params: IdParams, response: { 200: User } } },
    async (request) => {
      authorize(request, canAdminister);
      return getUser(db, request.params.id);
    },
  );

  app.post(
    "/api/users",
    {
      schema: {
        tags,
        summary: "Crear una cuenta",
        body: CreateUserRequest,
        response: { 201: UserWithPassword },
      },
    },
    async (request, reply) => {
      authorize(request, canAdminister);
      const created = await createUser(db, request.body, actorOf(request));
      reply.code(201);
      return { user: await getUser(db, created.id), temporaryPassword: created.temporaryPassword };
    },
  );

  app.patch(
    "/api/users/:id",
    {
      schema: {
        tags,
        summary: "Cambiar nombre, rol, municipio o activar/desactivar",
        params: IdParams,
        body: UpdateUserRequest,
        response: { 200: User },
      },
    },
    async (request) => {
      authorize(request, canAdminister);
      await updateUser(db, request.params.id, request.body, actorOf(request));
      return getUser(db, request.params.id);
    },
  );

  app.post(
    "/api/users/:id/reset-password",
    {
      schema: {
        tags,
        summary: "Restablecer la contraseña (genera una temporal)",
        params: IdParams,
        response: { 200: UserWithPassword },
      },
    },
    async (request) => {
      authorize(request, canAdminister);
      const temporaryPassword = await resetPassword(db, request.params.id, actorOf(request));
      return { user: await getUser(db, request.params.id), temporaryPassword };
    },
  );
}
