/**
 * MUS forms refused with everything kept: a card that comes back after an error shows
 * every value the person typed, with the Danish error next to its field.
 *
 * The verbs' dispatcher schemas hold only the ids a card always carries, so the verb can
 * check access and load what the form needs (the talk, the draft, the people) before the
 * form itself is checked here; a refused form is answered with the same card, filled in.
 */
import type { z } from 'zod';
import { danishIssues } from '../core/validation.js';

/** Danish errors by input id (the card's field). */
export type FieldErrors = Record<string, string>;

/** What the person typed, by input id: strings only (card data is strings). */
export type Typed = Record<string, string>;

export const typedOf = (raw: Record<string, unknown>): Typed =>
  Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));

const capital = (s: string) => (s ? `${s.charAt(0).toUpperCase()}${s.slice(1)}` : s);

/** The first Danish message of each field of a zod error, without the label (the card shows it next to the field). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const blank = Object.fromEntries(error.issues.flatMap((i) => [[i.path.map(String).join('.'), ''], [String(i.path[0] ?? ''), '']]));
  const messages = danishIssues(error, blank);
  const out: FieldErrors = {};
  error.issues.forEach((issue, i) => {
    const key = String(issue.path[0] ?? '');
    if (key && !out[key]) out[key] = capital(messages[i] ?? '');
  });
  return out;
}

export type FormCheck<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Parses the typed form; on failure the errors by field. */
export function checkForm<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): FormCheck<z.output<S>> {
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

/** Adds one error to a field (the first one wins: the card shows one per field). */
export function addError(errors: FieldErrors, field: string, message: string): void {
  if (!errors[field]) errors[field] = capital(message);
}

/** The template's view of a field: the typed value (or the stored one) and its error. */
export const fieldView = (typed: Typed | undefined, errors: FieldErrors | undefined, id: string, stored = '') => ({
  value: typed?.[id] ?? stored,
  error: errors?.[id] ?? '',
});

/**
 * One row of a form whose inputs are named per row (`a0_kind`, `s_<person>`): reads the
 * row's inputs by `ids` (schema key → input id), parses them, and on failure adds each
 * error under its input id. Undefined when the row is refused.
 */
export function checkRow<S extends z.ZodObject>(schema: S, raw: Record<string, unknown>, ids: Record<keyof z.output<S> & string, string>, errors: FieldErrors): z.output<S> | undefined {
  const values = Object.fromEntries(Object.entries(ids).map(([key, input]) => [key, raw[input as string]]));
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  for (const [key, message] of Object.entries(fieldErrors(parsed.error))) addError(errors, (ids as Record<string, string>)[key] ?? key, message);
  return undefined;
}
