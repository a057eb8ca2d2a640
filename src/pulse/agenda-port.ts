/**
 * The pulse as another feature may show it (the MED year's agenda): the newest closed
 * round's published values with their trend, built by the results card's own path
 * (publications → buildResults) under the thresholds in force now, so it hides exactly
 * what the results card hides. No comments are read, no answer and no count leaves it:
 * values to the nearest 0.5, the response rate as a band.
 */
import type { ResponseBand } from './disclosure.js';
import { buildResults, historyWindow } from './results.js';
import { PulseService, type PulseDeps } from './service.js';

export interface PulseTrendDimension {
  name: string;
  /** Undefined when the round did not publish a value for it (too few, or guarded). */
  value: number | undefined;
  /** Against the 4 weeks before (only with a value). */
  change: number | undefined;
  low: boolean;
  fell: boolean;
}

export interface PulseTrend {
  weekLabel: string;
  band: ResponseBand;
  /** Nothing but the response band may be shown. */
  tooFew: boolean;
  dimensions: PulseTrendDimension[];
}

export interface PulseTrendPort {
  /** The newest closed round of the workplace as published, or undefined when none has closed. */
  latest(workplaceId: string): Promise<PulseTrend | undefined>;
}

export function pulseTrendPort(deps: PulseDeps): PulseTrendPort {
  const svc = new PulseService(deps);
  return {
    async latest(workplaceId) {
      const [workplace, rounds] = await Promise.all([svc.workplaces.get(workplaceId), svc.rounds(workplaceId)]);
      const round = rounds.filter((r) => r.status === 'closed').at(-1);
      if (!workplace || !round) return undefined;
      const thresholds = svc.thresholdsFor(workplace);
      // As resultsOf: every round up to this one is published (a round's guard depends on those before it), the trend reads the window.
      const published = await svc.publications(rounds.filter((r) => r.weekIndex <= round.weekIndex), thresholds);
      const current = published.find((p) => p.round.id === round.id);
      if (!current) return undefined;
      const wanted = new Set(historyWindow(rounds, round).map((r) => r.id));
      const view = buildResults(current, published.filter((p) => wanted.has(p.round.id)), [], thresholds);
      return {
        weekLabel: view.weekLabel,
        band: view.band,
        tooFew: view.tooFew,
        dimensions: view.dimensions.map((d) => ({ name: d.name, value: d.shown.kind === 'value' ? d.shown.value : undefined, change: d.change, low: d.flags.low, fell: d.flags.fell })),
      };
    },
  };
}
