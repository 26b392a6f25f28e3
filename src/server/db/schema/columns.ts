import {
  type AnyPgColumn,
  bigint,
  customType,
  text,
  timestamp,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

/** A timestamptz read and written as a JS Date. */
export const timestamptz = (name?: string) =>
  name
    ? timestamp(name, { withTimezone: true, mode: "date" })
    : timestamp({ withTimezone: true, mode: "date" });

export const createdAt = () => timestamptz().notNull().defaultNow();

/** A table's own id: a random UUID. */
export const primaryUuid = () => uuid().primaryKey().defaultRandom();

/** A required reference to another row, which cannot be deleted while this one refers to it. */
export const requiredRef = (target: () => AnyPgColumn) => uuid().notNull().references(target);

/** A required reference to the parent row this one belongs to, deleted with it. */
export const ownedBy = (parent: () => AnyPgColumn) =>
  uuid().notNull().references(parent, { onDelete: "cascade" });

/** Binary content, read back as a Buffer on both drivers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** An uploaded file as stored: its key in the blob store, its digest, size, type and name. */
export const uploadedFile = () => ({
  blobKey: text().notNull(),
  sha256: varchar({ length: 64 }).notNull(),
  size: bigint({ mode: "number" }).notNull(),
  mime: text().notNull(),
  fileName: text().notNull(),
});
