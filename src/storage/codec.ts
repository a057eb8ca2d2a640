import { z } from 'zod';
import { MalformedRowError } from './errors.js';

/**
 * Row codecs: one zod schema per row kind says what a stored row looks like. Reading
 * decodes and validates it (JSON columns included), so a store never casts what it read;
 * writing encodes it back (JSON columns as strings, only the known columns).
 *
 *   const caseRow = rowCodec('SicknessCases', z.object({
 *     status: z.enum(STATUSES),
 *     contacts: jsonColumn(z.array(contactSchema), []),
 *     samtale: optionalJsonColumn(samtaleSchema),
 *   }));
 *   const c = caseRow.decode(entity);            // typed, validated
 *   await table.upsertEntity({ partitionKey, rowKey, ...caseRow.encode(c) });
 *
 * A row that does not decode is a MalformedRowError (code STORAGE): a fault for the
 * operator, logged with the table, the keys and the field names, never the values.
 */

function parseJson(text: string, payload: z.core.ParsePayload<unknown>): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    payload.issues.push({ code: 'custom', message: 'not JSON', input: text });
    return z.NEVER;
  }
}

/** A JSON column holding `schema`. A missing or empty column reads as `empty` (when given). */
export function jsonColumn<S extends z.ZodType>(schema: S, empty?: z.input<S>) {
  return z.codec(z.string().optional(), schema, {
    decode: (text, ctx) => (!text && empty !== undefined ? empty : parseJson(text ?? '', ctx)) as z.input<S>,
    encode: (value) => JSON.stringify(value),
  });
}

/** A JSON column that may be unset: '' (or missing) reads as undefined and undefined is written as ''. */
export function optionalJsonColumn<S extends z.ZodType>(schema: S) {
  return z.codec(z.string().optional(), schema.optional(), {
    decode: (text, ctx) => (text ? parseJson(text, ctx) : undefined) as z.input<S> | undefined,
    encode: (value) => (value === undefined ? '' : JSON.stringify(value)),
  });
}

/** A text column that may be unset: '' (or missing) reads as undefined and undefined is written as ''. */
export function optionalText() {
  return z.codec(z.string().optional(), z.string().optional(), {
    decode: (text) => text || undefined,
    encode: (value) => value ?? '',
  });
}

/** A text column holding one of `values`, or unset ('' ↔ undefined). */
export function optionalEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.codec(z.string().optional(), z.enum(values).optional(), {
    // The enum checks the text right after; an unknown value is a malformed row.
    decode: (text) => (text || undefined) as T[number] | undefined,
    encode: (value) => value ?? '',
  });
}

/** A comma-separated list column of `item` values ('' is the empty list). */
export function listColumn<S extends z.ZodType<string, string>>(item: S) {
  return z.codec(z.string().optional(), z.array(item), {
    decode: (text) => (text ?? '').split(',').filter(Boolean) as z.input<S>[],
    encode: (values) => values.join(','),
  });
}

/** An instant stored as an ISO string. */
export const instantColumn = z.codec(z.iso.datetime(), z.date(), { decode: (text) => new Date(text), encode: (date) => date.toISOString() });

export interface RowCodec<S extends z.ZodObject> {
  readonly schema: S;
  /** Validates a stored entity (extra columns such as partitionKey and etag are ignored). */
  decode(entity: Record<string, unknown>): z.output<S>;
  /** The columns to store for a value (without partition and row key). */
  encode(value: z.output<S>): Record<string, unknown>;
}

export function rowCodec<S extends z.ZodObject>(table: string, schema: S): RowCodec<S> {
  return {
    schema,
    decode(entity) {
      const parsed = schema.safeDecode(entity as z.input<S>);
      if (parsed.success) return parsed.data;
      const where = `${table} row ${String(entity.partitionKey ?? '?')}/${String(entity.rowKey ?? '?')}`;
      throw new MalformedRowError(where, [...new Set(parsed.error.issues.map((i) => i.path.join('.')))]);
    },
    encode(value) {
      return z.encode(schema, value) as Record<string, unknown>;
    },
  };
}
