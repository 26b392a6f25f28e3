import { component } from "./common.js";
import { z } from "./zod.js";

/** What the server accepts, so that forms can say it before the person picks a file. */
export const UploadLimits = component("UploadLimits", {
  maxBytes: z.number().int(),
  acceptedLabel: z.string().describe('p. ej. "PDF, DOCX, XLSX, ODT, ODS, JPG o PNG"'),
  accepted: z.array(z.object({ ext: z.string(), mime: z.string() })),
});
export type UploadLimits = z.infer<typeof UploadLimits>;
