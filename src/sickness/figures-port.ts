import { showFigures, type ShownFigures } from './stats.js';
import type { SicknessStore } from './store.js';

/**
 * The anonymous monthly figures as other features may show them (the MED year's agenda):
 * already masked ("under 3"), never a count that could point at one person.
 */
export interface SicknessFiguresPort {
  /** The shown figures of a month ("YYYY-MM"), or undefined when the month has none yet. */
  month(workplaceId: string, month: string): Promise<ShownFigures | undefined>;
}

export class SicknessFigures implements SicknessFiguresPort {
  constructor(private readonly store: SicknessStore) {}

  async month(workplaceId: string, month: string): Promise<ShownFigures | undefined> {
    const f = await this.store.figures(workplaceId, month);
    return f ? showFigures(f) : undefined;
  }
}
