/**
 * A workplace's pulse settings, stored under `settings.pulse` of its Workplaces row.
 * Thresholds can be raised, never lowered below the floors of aggregate.ts.
 */
import { z } from 'zod';
import { pulseText as t, WEEKDAY_NAMES } from '../i18n/pulse.js';
import { isLocalDate, isLocalTime } from '../shared/calendar.js';
import { MIN_COMMENTS_FLOOR, MIN_SCORES_FLOOR, type PulseThresholds } from './aggregate.js';

export interface PulseSettings {
  enabled: boolean;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 'HH:MM' in Europe/Copenhagen. */
  time: string;
  minScores: number;
  minComments: number;
  /**
   * No round opens on an earlier day (YYYY-MM-DD). Set when the first round is
   * announced to the leaders (first-round.ts) and moved by "Udskyd en uge"; absent on a
   * workplace that has not been announced yet.
   */
  startsOn?: string;
}

export const DEFAULT_PULSE_SETTINGS: PulseSettings = Object.freeze({
  enabled: true,
  weekday: 1,
  time: '09:00',
  minScores: 5,
  minComments: 10,
});

const e = t.settings.errors;

/** The stored shape (numbers and booleans), validated with the same floors as the form. */
const StoredSchema = z
  .object({
    enabled: z.boolean(),
    weekday: z.number().int().min(1).max(7),
    time: z.string().refine(isLocalTime),
    minScores: z.number().int().min(MIN_SCORES_FLOOR),
    minComments: z.number().int().min(MIN_COMMENTS_FLOOR),
    startsOn: z.string().refine(isLocalDate),
  })
  .partial();

/**
 * The settings in force: stored values over defaults. A stored value that does not
 * validate (hand-edited row) is ignored field by field, and the floors always hold.
 */
export function pulseSettingsOf(stored: unknown, defaults: Partial<PulseSettings> = {}): PulseSettings {
  const base = { ...DEFAULT_PULSE_SETTINGS, ...defaults };
  const out: PulseSettings = { ...base };
  if (stored && typeof stored === 'object') {
    const shape = StoredSchema.shape;
    for (const key of Object.keys(shape) as (keyof PulseSettings)[]) {
      const parsed = shape[key].safeParse((stored as Record<string, unknown>)[key]);
      if (parsed.success && parsed.data !== undefined) (out as unknown as Record<string, unknown>)[key] = parsed.data;
    }
  }
  out.minScores = Math.max(out.minScores, MIN_SCORES_FLOOR);
  out.minComments = Math.max(out.minComments, MIN_COMMENTS_FLOOR, out.minScores);
  return out;
}

export function thresholdsOf(s: PulseSettings): PulseThresholds {
  return { minScores: s.minScores, minComments: s.minComments };
}

const intField = (floor: number, floorMessage: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : typeof v === 'number' ? v : undefined),
    z.number(e.number).int(e.number).min(floor, floorMessage).max(1000, e.number),
  );

/** The settings card as submitted (all values arrive as strings). */
export const SettingsFormSchema = z
  .object({
    workplaceId: z.string().min(1).max(80),
    enabled: z.preprocess((v) => v === true || v === 'true', z.boolean()),
    weekday: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number(e.weekday).int(e.weekday).min(1, e.weekday).max(7, e.weekday)),
    time: z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 5) : v), z.string(e.time).refine(isLocalTime, e.time)),
    minScores: intField(MIN_SCORES_FLOOR, e.minScoresFloor),
    minComments: intField(MIN_COMMENTS_FLOOR, e.minCommentsFloor),
  })
  .refine((s) => s.minComments >= s.minScores, { path: ['minComments'], message: e.commentsBelowScores });
export type SettingsForm = z.infer<typeof SettingsFormSchema>;

export const settingsLabels: Readonly<Record<string, string>> = t.settings.fieldLabels;

export interface SettingsArgs {
  weekday?: number;
  time?: string;
  enabled?: boolean;
}

/** "søndag 21:00", "21.30 lørdag", "mandag", "fra", "til" or "" (show the card). */
export const SettingsArgsSchema = z
  .string()
  .trim()
  .transform((s, ctx): SettingsArgs => {
    if (!s) return {};
    const out: SettingsArgs = {};
    for (const word of s.toLowerCase().split(/\s+/)) {
      if ((word === 'fra' || word === 'til') && out.enabled === undefined) {
        out.enabled = word === 'til';
        continue;
      }
      const day = WEEKDAY_NAMES.findIndex((d) => d === word || (word.length >= 3 && d.startsWith(word)));
      const time = /^(?:kl\.?)?(\d{1,2})[:.](\d{2})$/.exec(word);
      if (day >= 0 && out.weekday === undefined) out.weekday = day + 1;
      else if (time && isLocalTime(`${time[1]!.padStart(2, '0')}:${time[2]}`) && out.time === undefined) {
        out.time = `${time[1]!.padStart(2, '0')}:${time[2]}`;
      } else if (word !== 'kl' && word !== 'kl.') {
        ctx.addIssue({ code: 'custom', message: e.usage });
        return z.NEVER;
      }
    }
    return out;
  });
