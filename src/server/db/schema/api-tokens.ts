import { index, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { API_TOKEN_REVOCATION_REASONS, API_TOKEN_SCOPES } from "../../../domain/api-tokens.js";
import { createdAt, ownedBy, primaryUuid, timestamptz } from "./columns.js";
import { cvegeo } from "./municipalities.js";
import { roleEnum, users } from "./users.js";

export const apiTokenScopeEnum = pgEnum("api_token_scope", API_TOKEN_SCOPES);
export const apiTokenRevocationEnum = pgEnum(
  "api_token_revocation_reason",
  API_TOKEN_REVOCATION_REASONS,
);

/**
 * A person's API token (docs/decisions/0011-api-tokens.md). Only the SHA-256 of the secret is
 * kept. `ownerRole` and `ownerMunicipalityCvegeo` are the account's as the token was created: a
 * token whose owner no longer matches them is refused even if nothing revoked it.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: primaryUuid(),
    userId: ownedBy(() => users.id),
    name: text().notNull(),
    scope: apiTokenScopeEnum().notNull(),
    tokenHash: text().notNull(),
    /** `mrtm_…` and the last four characters, to recognise it in the list. */
    hint: text().notNull(),
    ownerRole: roleEnum().notNull(),
    ownerMunicipalityCvegeo: cvegeo(),
    createdAt: createdAt(),
    expiresAt: timestamptz().notNull(),
    lastUsedAt: timestamptz(),
    lastUsedIp: text(),
    revokedAt: timestamptz(),
    revokedReason: apiTokenRevocationEnum(),
  },
  (table) => [
    uniqueIndex("api_tokens_token_hash_unique").on(table.tokenHash),
    index().on(table.userId),
  ],
);
