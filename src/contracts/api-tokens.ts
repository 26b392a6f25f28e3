import {
  API_TOKEN_DEFAULT_DAYS,
  API_TOKEN_MAX_DAYS,
  API_TOKEN_NAME_MAX_LENGTH,
  API_TOKEN_REVOCATION_REASONS,
  API_TOKEN_SCOPES,
  API_TOKEN_STATUSES,
} from "../domain/api-tokens.js";
import { component } from "./common.js";
import { z } from "./zod.js";

export const ApiTokenScope = z.enum(API_TOKEN_SCOPES);

/** What «Mi cuenta» sends to create a token. */
export const CreateApiTokenRequest = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(API_TOKEN_NAME_MAX_LENGTH)
    .describe("Para qué es el token (p. ej. «Portal de transparencia municipal»)."),
  scope: ApiTokenScope.describe("read: solo consultas (GET); write: todo lo que su cuenta puede."),
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(API_TOKEN_MAX_DAYS)
    .default(API_TOKEN_DEFAULT_DAYS)
    .describe(`Días de vigencia, de 1 a ${API_TOKEN_MAX_DAYS}.`),
});
export type CreateApiTokenRequest = z.input<typeof CreateApiTokenRequest>;

/** A token as its owner sees it in the list: never the secret. */
export const ApiToken = component("ApiToken", {
  id: z.uuid(),
  name: z.string(),
  scope: ApiTokenScope,
  hint: z.string().describe("El prefijo y los últimos cuatro caracteres, para reconocerlo."),
  status: z.enum(API_TOKEN_STATUSES),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z
    .string()
    .nullable()
    .describe("Último uso (se actualiza como mucho una vez por minuto)."),
  lastUsedIp: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedReason: z.enum(API_TOKEN_REVOCATION_REASONS).nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

/** A new token: the secret is in this answer only, never again. */
export const ApiTokenCreated = component("ApiTokenCreated", {
  token: ApiToken,
  secret: z
    .string()
    .describe("El token para el encabezado «Authorization: Bearer …». Solo se muestra esta vez."),
});
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;
