import type { DocumentRef } from "../../../contracts/participation.js";
import type { documents } from "../../db/schema/index.js";

/** What leaves the server about a stored document: never its blob key. */
export function documentRef(row: typeof documents.$inferSelect | null): DocumentRef | null {
  return row
    ? {
        id: row.id,
        fileName: row.fileName,
        size: row.size,
        uploadedAt: row.uploadedAt.toISOString(),
      }
    : null;
}
