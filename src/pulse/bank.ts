/**
 * The item bank of the weekly trivsel pulse. The default bank (bank.da.json) is our
 * own wording; a Lokal-MED may replace it with its own file, which is validated here
 * with Danish messages that name the item and field to fix.
 *
 * Scores are 1-5 where 5 is "helt enig". An item is `reversed` when agreeing is bad
 * ("Jeg har for travlt"); aggregates turn those around so that higher is always better.
 */
import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { danishIssues, formatIssues } from '../core/validation.js';
import { pulseText } from '../i18n/pulse.js';
import defaultBankJson from './bank.da.json' with { type: 'json' };

/** The 12 dimensions, in the order the rotation walks through them. */
export const DIMENSIONS = [
  'passende-krav',
  'indflydelse',
  'mening',
  'forudsigelighed',
  'social-stoette',
  'anerkendelse',
  'tillid',
  'retfaerdighed',
  'psykologisk-tryghed',
  'foelelsesmaessige-krav',
  'vold-og-trusler',
  'tidsmiljoe',
] as const;
export type DimensionId = (typeof DIMENSIONS)[number];

export const DIMENSION_NAMES: Readonly<Record<DimensionId, string>> = Object.freeze(pulseText.dimensions);

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

const b = pulseText.bank;
const label = z.string().trim().min(1, b.labelMissing).max(40, b.labelTooLong);

/** A Danish label on every point of the 1-5 scale. */
export const ScaleSchema = z.strictObject({ '1': label, '2': label, '3': label, '4': label, '5': label });
export type Scale = z.infer<typeof ScaleSchema>;

export const PulseItemSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, b.id),
  dimension: z.enum(DIMENSIONS, b.dimension(DIMENSIONS)),
  text: z.string().trim().min(10, b.textTooShort).max(200, b.textTooLong),
  reversed: z.boolean(b.reversed),
  /** The item may not apply to everyone (an episode of violence, a kind of shift): the card offers "Ikke relevant", kept out of means and counts. */
  notApplicable: z.boolean(b.notApplicable).optional(),
  /** Only when this item needs other labels than the bank's scale. */
  scale: ScaleSchema.optional(),
});
export type PulseItem = z.infer<typeof PulseItemSchema>;

export const PulseBankSchema = z
  .strictObject({
    version: z.literal(1, b.version),
    language: z.literal('da', b.language),
    scale: ScaleSchema,
    items: z.array(PulseItemSchema).min(1, b.empty),
  })
  .superRefine((bank, ctx) => {
    const seen = new Set<string>();
    bank.items.forEach((item, index) => {
      if (seen.has(item.id)) {
        ctx.addIssue({ code: 'custom', path: ['items', index, 'id'], message: b.duplicateId(item.id) });
      }
      seen.add(item.id);
    });
  });
export type PulseBank = z.infer<typeof PulseBankSchema>;

/**
 * Validates a bank file (already JSON-parsed). Throws a UserError whose Danish message
 * lists every problem, e.g. `Spørgsmål 4 ("krav-1"), dimension: dimension skal være ...`.
 */
export function parseBank(raw: unknown): PulseBank {
  const result = PulseBankSchema.safeParse(raw);
  if (result.success) return deepFreeze(result.data);
  throw new UserError('INVALID_INPUT', formatIssues(danishIssues(result.error, labelsFor(raw))));
}

function labelsFor(raw: unknown): Record<string, string> {
  const labels: Record<string, string> = { version: 'version', language: 'language', scale: b.scale, items: b.items };
  for (const point of ['1', '2', '3', '4', '5']) labels[`scale.${point}`] = b.scalePoint(point);
  const items = (raw as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return labels;
  items.forEach((item: unknown, index) => {
    const id = (item as { id?: unknown } | null)?.id;
    const name = b.item(index + 1, typeof id === 'string' ? id : undefined);
    labels[`items.${index}`] = name;
    for (const field of ['id', 'dimension', 'text', 'reversed', 'scale']) labels[`items.${index}.${field}`] = `${name}, ${field}`;
    for (const point of ['1', '2', '3', '4', '5']) labels[`items.${index}.scale.${point}`] = b.itemScalePoint(name, point);
  });
  return labels;
}

let defaultBank: PulseBank | undefined;

/** The bundled Danish bank, validated once. */
export function loadDefaultBank(): PulseBank {
  defaultBank ??= parseBank(defaultBankJson);
  return defaultBank;
}

/** The labels for an item's 1-5 scale. */
export function scaleOf(bank: PulseBank, item: PulseItem): Scale {
  return item.scale ?? bank.scale;
}

/** The dimensions the bank covers, in rotation order. */
export function dimensionsOf(bank: PulseBank): DimensionId[] {
  return DIMENSIONS.filter((d) => bank.items.some((item) => item.dimension === d));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
