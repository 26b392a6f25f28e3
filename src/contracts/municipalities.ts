import { Cvegeo, component } from "./common.js";
import { z } from "./zod.js";

export const Municipality = component("Municipality", {
  cvegeo: Cvegeo,
  cveMun: z.string(),
  name: z.string(),
  population2020: z.number().int().nullable(),
});
export type Municipality = z.infer<typeof Municipality>;

export const MunicipalityQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe("Busca por nombre (sin importar acentos ni mayúsculas) o por clave INEGI."),
});

export const CvegeoParams = z.object({ cvegeo: Cvegeo });
