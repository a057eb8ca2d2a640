/**
 * Which items a weekly pulse asks. Deterministic, so every instance and every restart
 * agrees on this week's questions without storing them.
 *
 * The dimensions are laid out as an endless ring of slots; week w takes the `count`
 * slots starting at w * count. Consecutive weeks therefore take consecutive slots, so
 * any ceil(D / count) consecutive weeks (4 for 12 dimensions and 3 items) cover every
 * dimension at least once, and no week asks the same dimension twice. Each time the
 * ring comes round to a dimension, the next of its items is used, so the items of a
 * dimension take turns across cycles.
 */
import { addDays, daysBetween, weekdayOf, type LocalDate } from '../shared/calendar.js';
import { dimensionsOf, type PulseBank, type PulseItem } from './bank.js';

export function pickItems(bank: PulseBank, weekIndex: number, count = 3): PulseItem[] {
  if (!Number.isInteger(weekIndex)) throw new RangeError(`weekIndex must be an integer: ${weekIndex}`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer: ${count}`);
  const dimensions = dimensionsOf(bank);
  const perWeek = Math.min(count, dimensions.length); // never the same dimension twice in a week
  const picked: PulseItem[] = [];
  for (let j = 0; j < perWeek; j++) {
    const slot = weekIndex * perWeek + j;
    const dimension = dimensions[mod(slot, dimensions.length)];
    const items = bank.items.filter((item) => item.dimension === dimension);
    const item = items[mod(Math.floor(slot / dimensions.length), items.length)];
    if (item) picked.push(item);
  }
  return picked;
}

/** How many consecutive weeks are guaranteed to cover every dimension of the bank. */
export function weeksToCoverAll(bank: PulseBank, count = 3): number {
  const dimensions = dimensionsOf(bank).length;
  return Math.ceil(dimensions / Math.min(count, dimensions));
}

/** Monday 1 January 2024: week index 0. Any Monday works; it only has to be fixed. */
const EPOCH_MONDAY: LocalDate = '2024-01-01';

/**
 * A week counter that keeps counting across years (ISO week numbers restart at 1 and
 * some years have 53, which would break the "consecutive weeks" guarantee).
 */
export function pulseWeekIndex(date: LocalDate): number {
  const monday = addDays(date, 1 - weekdayOf(date));
  return Math.floor(daysBetween(EPOCH_MONDAY, monday) / 7);
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}
