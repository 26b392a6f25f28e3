import { z } from "./zod.js";

/** INEGI geostatistical key of a municipality: 2 digits of state + 3 of municipality. */
export const Cvegeo = z.string().regex(/^\d{5}$/, "La clave INEGI son 5 dígitos (p. ej. 15106).");

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const Uuid = z.uuid("El identificador no es válido.");

export const IdParams = z.object({ id: Uuid });

export const IsoDateTime = z.iso.datetime({ offset: true });

export const Ok = z.object({ ok: z.literal(true) });

/** A yes/no parameter of a query string: `true` or `false`. */
export const QueryFlag = z.enum(["true", "false"]);
export type QueryFlag = z.infer<typeof QueryFlag>;

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * An object schema published as a named component of the OpenAPI document
 * (`#/components/schemas/<id>`), which the web client's types take their names from.
 */
export function component<Shape extends z.ZodRawShape>(id: string, shape: Shape) {
  return z.object(shape).meta({ id });
}
