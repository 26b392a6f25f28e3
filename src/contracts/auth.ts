import { ROLES } from "../domain/roles.js";
import { Cvegeo, component, Email } from "./common.js";
import { z } from "./zod.js";

export const Role = z.enum(ROLES);

export const LoginRequest = z.object({
  email: Email,
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = component("SessionUser", {
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: Role,
  municipality: z
    .object({ cvegeo: Cvegeo, name: z.string() })
    .nullable()
    .describe("El municipio de un enlace o colaborador; null para el personal."),
  mustChangePassword: z.boolean(),
  designatedLiaison: z
    .boolean()
    .describe(
      "Si la cuenta es el enlace designado vigente de su municipio: las facultades del enlace siguen a la designación.",
    ),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** Returned by login and by `me`: the user and the token to send in `x-csrf-token` on writes. */
export const SessionInfo = z.object({
  user: SessionUser,
  csrfToken: z
    .string()
    .nullable()
    .describe("Para el encabezado x-csrf-token de las escrituras; null con un token de API."),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().max(1024),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const PasswordResetRequest = z.object({ email: Email });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const PasswordResetConfirm = z.object({
  token: z.string().min(1).max(200),
  newPassword: z.string().max(1024),
});
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirm>;

/** The same answer to every recovery request (202), whether or not the address has an account. */
export const PasswordResetAccepted = z.object({ ok: z.literal(true), message: z.string() });
export type PasswordResetAccepted = z.infer<typeof PasswordResetAccepted>;
