import fc from "fast-check";

/**
 * fast-check arbitraries from the JSON Schemas the routes publish (zod → OpenAPI through
 * fastify-type-provider-zod, read back with `app.swagger()`): mostly values the schema accepts,
 * mixed with hostile ones (wrong types, nulls, huge and exotic strings, missing and extra fields),
 * so requests reach both the handlers and the validation in front of them. Test code only.
 */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

/** Strings that break naive code: control and bidi characters, NULs, surrogates, injections. */
const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u202e‮fdp.exe",
  "\ud800",
  "\udfff\ud800",
  "💥🇲🇽👩‍👩‍👧",
  "Ñandú ñoño áéíóú",
  "'; DROP TABLE users; --",
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "%00%2e%2e%2f",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the attack.
  "${jndi:ldap://x}",
  "__proto__",
  "constructor",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "9999-99-99",
  "0000-00-00",
  "2026-02-30",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "not-a-uuid",
  "15106",
  "99999",
];

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => "x".repeat(n)),
);

/** Any JSON value of the wrong kind: what a broken or malicious client sends instead. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  nastyString,
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, 0.1, -0.5),
  fc.boolean(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  // Deep nesting: parsers and validators must not recurse into a stack overflow.
  fc
    .integer({ min: 50, max: 1000 })
    .map((depth) => JSON.parse("[".repeat(depth) + "]".repeat(depth))),
);

/** Mostly a value the schema accepts, sometimes a hostile one. */
export function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: validFromSchema(schema, depth) },
    { weight: 1, arbitrary: hostileValue },
  );
}

function types(schema: JsonSchema): string[] {
  return schema.type === undefined ? [] : [schema.type].flat();
}

function validFromSchema(schema: JsonSchema | undefined, depth: number): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) {
    return fc.jsonValue({ maxDepth: 1 });
  }
  if (schema.const !== undefined) {
    return fc.constant(schema.const);
  }
  if (schema.enum && schema.enum.length > 0) {
    return fc.constantFrom(...schema.enum);
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) {
    return fc.oneof(...alternatives.map((alternative) => validFromSchema(alternative, depth + 1)));
  }
  if (schema.allOf && schema.allOf.length > 0) {
    return validFromSchema(Object.assign({}, ...schema.allOf) as JsonSchema, depth + 1);
  }
  const kinds = types(schema);
  if (kinds.length > 1) {
    return fc.oneof(...kinds.map((type) => validFromSchema({ ...schema, type }, depth + 1)));
  }
  const nullable = schema.nullable ? fc.constant(null) : null;
  const value = byType(schema, kinds[0], depth);
  return nullable ? fc.oneof(value, nullable) : value;
}

function byType(
  schema: JsonSchema,
  type: string | undefined,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({
        min: numberBound(schema.minimum, schema.exclusiveMinimum, 1, -1_000_000),
        max: numberBound(schema.maximum, schema.exclusiveMaximum, -1, 1_000_000),
      });
    case "number":
      return fc.double({
        min: numberBound(schema.minimum, schema.exclusiveMinimum, 1e-6, -1e6),
        max: numberBound(schema.maximum, schema.exclusiveMaximum, -1e-6, 1e6),
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "string":
      return stringFromSchema(schema);
    case "array":
      return fc.array(validFromSchema(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, (schema.minItems ?? 0) + 5),
      });
    case "object":
      return objectFromSchema(schema, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function numberBound(
  bound: number | undefined,
  exclusive: number | boolean | undefined,
  step: number,
  fallback: number,
): number {
  if (typeof exclusive === "number") {
    return exclusive + step;
  }
  if (bound === undefined) {
    return fallback;
  }
  return exclusive === true ? bound + step : bound;
}

function stringFromSchema(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case "uuid":
      return fc.uuid();
    case "email":
      return fc.emailAddress();
    case "date":
      return fc
        .date({ min: new Date("1990-01-01"), max: new Date("2040-12-31"), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case "date-time":
      return fc
        .date({ min: new Date("1990-01-01"), max: new Date("2040-12-31"), noInvalidDate: true })
        .map((date) => date.toISOString());
    case "uri":
      return fc.webUrl();
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      // A pattern JavaScript cannot compile: plain strings below.
    }
  }
  const minLength = schema.minLength ?? 0;
  return fc.string({
    unit: "grapheme",
    minLength,
    maxLength: Math.min(schema.maxLength ?? 60, minLength + 60),
  });
}

/**
 * Required fields are nearly always there (and sometimes dropped), optional ones come and go,
 * and now and then an unknown field or a prototype-polluting key rides along.
 */
function objectFromSchema(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {}).map(([key, property]) =>
    fc
      .tuple(
        fc.constant(key),
        fromSchema(property, depth + 1),
        fc.integer({ min: 0, max: 19 }).map((roll) => (required.has(key) ? roll !== 0 : roll < 12)),
      )
      .map(([name, value, present]) => (present ? [[name, value] as const] : [])),
  );
  const extra = fc.oneof(
    { weight: 8, arbitrary: fc.constant([] as (readonly [string, unknown])[]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom("__proto__", "constructor", "extra", "id", "role", ""), hostileValue)
        .map(([key, value]) => [[key, value] as const]),
    },
  );
  return fc.tuple(fc.tuple(...entries), extra).map(([chosen, more]) => {
    const object: Record<string, unknown> = {};
    for (const [key, value] of [...chosen.flat(), ...more]) {
      // defineProperty, so "__proto__" is an own key that reaches the JSON text.
      Object.defineProperty(object, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return object;
  });
}
