import { Role } from "./auth.js";
import { Cvegeo, component, Email, PageQuery, paged, QueryFlag } from "./common.js";
import { z } from "./zod.js";

export const User = component("User", {
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: Role,
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }).nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export const UserList = paged(User);
export type UserList = z.infer<typeof UserList>;

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional().describe("Busca en nombre y correo."),
  role: Role.optional(),
  municipality: Cvegeo.optional(),
  active: QueryFlag.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const CreateUserRequest = z.object({
  email: Email,
  name: z.string().trim().min(1).max(200),
  role: Role,
  municipality: Cvegeo.nullable().default(null),
  password: z
    .string()
    .max(1024)
    .optional()
    .describe("Si se omite, se genera una contraseña temporal que se muestra una sola vez."),
});
export type CreateUserRequest = z.input<typeof CreateUserRequest>;

export const UpdateUserRequest = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: Role.optional(),
    municipality: Cvegeo.nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "No hay cambios que guardar." });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/** A user just created or reset, with the temporary password shown once. */
export const UserWithPassword = z.object({
  user: User,
  temporaryPassword: z
    .string()
    .nullable()
    .describe(
      "Solo cuando el servidor la generó y no hay servidor de correo que entregue el enlace de bienvenida.",
    ),
  welcomeLinkExpiresAt: z
    .string()
    .nullable()
    .optional()
    .describe(
      "Cuándo vence el enlace para crear la contraseña enviado por correo; null si no se envió.",
    ),
});
export type UserWithPassword = z.infer<typeof UserWithPassword>;
