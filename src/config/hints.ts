import { closest, distance } from 'fastest-levenshtein';
import { z } from 'zod';

/** "did you mean …" for a mistyped key, or undefined when nothing is close. */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(key, known as string[]);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(key.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}

/**
 * The keys a schema allows at `path` in `data`, for hints on unknown keys.
 * Walks zod's public wrappers; a discriminated union is resolved by the data's `kind`.
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[], data: unknown): string[] {
  const at = schemaAt(schema, path, data);
  const s = at && unwrap(at.schema, at.data);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** The description the schema gives the key at `path` (its `.describe()`), for the hint on a missing or mistyped key. */
export function descriptionAt(schema: z.ZodType, path: readonly PropertyKey[], data: unknown): string | undefined {
  return schemaAt(schema, path, data)?.schema.description;
}

/** The schema of the key at `path`, as written (wrappers kept), with the data found there. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[], data: unknown): { schema: z.ZodType; data: unknown } | undefined {
  let s: z.ZodType | undefined = schema;
  let d: unknown = data;
  for (const step of path) {
    s = unwrap(s, d);
    d = d && typeof d === 'object' ? (d as Record<PropertyKey, unknown>)[step] : undefined;
    if (s instanceof z.ZodObject) s = s.shape[step as string] as z.ZodType | undefined;
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else if (s instanceof z.ZodRecord) s = s.valueType as z.ZodType;
    else s = undefined;
    if (!s) return undefined;
  }
  return { schema: s, data: d };
}

function unwrap(s: z.ZodType, data: unknown): z.ZodType {
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodDiscriminatedUnion) {
      const kind = data && typeof data === 'object' ? (data as { kind?: unknown }).kind : undefined;
      const match = (s.options as z.ZodType[]).find((o) => o instanceof z.ZodObject && (o.shape.kind as z.ZodLiteral | undefined)?.value === kind);
      if (!match) return s;
      s = match;
    } else return s;
  }
}
