/**
 * Trends per dimension, computed from published values only (disclosure.ts): the
 * 12-week series, the change of the latest value against the weeks before it, and the
 * "low" and "fell" flags. Nothing here sees an answer or an exact count, so a trend can
 * never be more exact than the weekly cards it is drawn from. Means over several weeks
 * are plain means of the published values (weighting by answers would need the exact
 * counts, which no card shows) and are rounded to the nearest 0.5 again.
 */
import { DIMENSION_NAMES, DIMENSIONS, type DimensionId } from './bank.js';
import { half } from './disclosure.js';

export interface TrendOptions {
  /** Flag `low` at or below this value. */
  lowAtOrBelow: number;
  /** Flag `fell` when the value dropped by at least this much. */
  fallAtLeast: number;
  /** Length of the series. */
  weeks: number;
  /** The comparison window before the current value. */
  compareWeeks: number;
}

export const DEFAULT_TREND_OPTIONS: TrendOptions = Object.freeze({ lowAtOrBelow: 2.5, fallAtLeast: 0.5, weeks: 12, compareWeeks: 4 });

/** One week's published values (dimensions published as a number; others absent). */
export interface PublishedWeek {
  weekIndex: number;
  values: Partial<Record<DimensionId, number>>;
}

export interface TrendPoint {
  weekIndex: number;
  /** Undefined when the dimension was not asked, or not published as a value, that week. */
  value: number | undefined;
}

export interface DimensionTrend {
  dimension: DimensionId;
  name: string;
  /** Latest published value within the last `compareWeeks` weeks. */
  current: number | undefined;
  currentWeekIndex: number | undefined;
  /** Mean of the published values in the `compareWeeks` weeks before `current`, to the nearest 0.5. */
  previous: number | undefined;
  change: number | undefined;
  /** `weeks` points, oldest first, ending with the current week. */
  series: TrendPoint[];
  flags: { low: boolean; fell: boolean };
}

const EPSILON = 1e-9;

/** The mean of published values, to the nearest 0.5; undefined when there are none. */
export function meanOfPublished(values: readonly (number | undefined)[]): number | undefined {
  const used = values.filter((v): v is number => v !== undefined);
  return used.length ? half(used.reduce((a, b) => a + b, 0) / used.length) : undefined;
}

export function dimensionTrends(history: readonly PublishedWeek[], currentWeekIndex: number, options: Partial<TrendOptions> = {}): DimensionTrend[] {
  const o = { ...DEFAULT_TREND_OPTIONS, ...options };
  const byWeek = new Map(history.map((w) => [w.weekIndex, w]));
  return DIMENSIONS.map((dimension) => {
    const week = (w: number): TrendPoint => ({ weekIndex: w, value: byWeek.get(w)?.values[dimension] });
    const series = range(currentWeekIndex - o.weeks + 1, currentWeekIndex).map(week);
    const latest = range(currentWeekIndex - o.compareWeeks + 1, currentWeekIndex)
      .reverse()
      .map(week)
      .find((p) => p.value !== undefined);
    const before = latest ? range(latest.weekIndex - o.compareWeeks, latest.weekIndex - 1).map((w) => week(w).value) : [];
    const previous = meanOfPublished(before);
    const current = latest?.value;
    const change = current !== undefined && previous !== undefined ? current - previous : undefined;
    return {
      dimension,
      name: DIMENSION_NAMES[dimension],
      current,
      currentWeekIndex: latest?.weekIndex,
      previous,
      change,
      series,
      flags: {
        low: current !== undefined && current <= o.lowAtOrBelow + EPSILON,
        fell: change !== undefined && -change >= o.fallAtLeast - EPSILON,
      },
    };
  });
}

function range(from: number, to: number): number[] {
  return to < from ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
