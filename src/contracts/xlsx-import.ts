import { IMPORT_ACTIONS } from "../domain/xlsx-import.js";
import { z } from "./zod.js";

/** One problem of the file, where Excel shows it. */
export const ImportProblemView = z.object({
  sheet: z.string(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});

/** What the import does with one row: create, change (column by column) or nothing. */
export const ImportRowView = z.object({
  sheet: z.string(),
  row: z.number().int(),
  subject: z.string(),
  action: z.enum(IMPORT_ACTIONS),
  changes: z.array(
    z.object({ column: z.string(), before: z.string().nullable(), after: z.string() }),
  ),
});
export type ImportRowView = z.infer<typeof ImportRowView>;

/**
 * The dry run's (and the apply's) report. `rows` lists what would be created or changed (rows
 * without changes only count), at most `IMPORT_REPORT_ROWS` of them; `problems` at most as many.
 */
export const ImportReport = z.object({
  fileName: z.string(),
  applied: z.boolean(),
  counts: z.object({
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    problems: z.number().int(),
  }),
  rows: z.array(ImportRowView),
  problems: z.array(ImportProblemView),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const IMPORT_REPORT_ROWS = 2_000;

/** How far an import being applied is: `done` of `total` steps. */
export const ImportProgress = z.object({
  phase: z.enum(["reading", "writing", "done", "failed"]),
  done: z.number().int(),
  total: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ImportProgressParams = z.object({ id: z.uuid() });
export const ImportApplyQuery = z.object({
  /** A random id the client chooses to follow the progress of this import. */
  progress: z.uuid().optional(),
});
