/**
 * What the outbox runs for the pulse. Handlers render at send time from the current
 * state: a card for someone who has answered, left, or whose round closed is not sent
 * (render returns null, the engine cancels the job). The per-person jobs are quiet (no
 * key or conversation in the engine's log lines) and the reminder is forgotten as soon
 * as it ends: a kept "cancelled" would say that the person had answered. The round's
 * remaining jobs are purged when it closes (lifecycle.ts). Job keys: model.ts.
 */
import type { FeaturePart } from '../core/feature.js';
import type { OutMessage } from '../core/types.js';
import { pulseText as t } from '../i18n/pulse.js';
import type { Job, JobHandler } from '../outbox/types.js';
import type { Workplace } from '../workplaces/model.js';
import { quarterCard, questionCard, resultsCard } from './cards.js';
import { firstRoundJob } from './first-round.js';
import { scheduleQuarter, tick } from './lifecycle.js';
import { JOB_KINDS } from './model.js';
import { buildQuarter } from './quarter.js';
import { quarterRange } from './schedule.js';
import type { PulseService } from './service.js';

/** Every 15 minutes: opens, fans out and closes rounds (cheap when there is nothing to do). */
export const TICK_CRON = '*/15 * * * *';
/** 08:00 on the first day of each quarter: the summary of the quarter before goes to MED. */
export const QUARTER_CRON = '0 8 1 1,4,7,10 *';

function roundIdOf(job: Job): string | undefined {
  return typeof job.payload.round === 'string' ? job.payload.round : undefined;
}

function questionHandler(svc: PulseService, kind: string, reminder: boolean): JobHandler {
  return {
    kind,
    label: reminder ? t.jobLabels.reminder : t.jobLabels.card,
    trace: reminder ? 'forget' : 'quiet',
    async render(job, now): Promise<OutMessage | null> {
      const roundId = roundIdOf(job);
      if (!roundId || job.target.kind !== 'user') return null;
      const round = await svc.round(job.workplaceId, roundId);
      if (!round || round.status !== 'open' || now >= round.closesAt) return null;
      const aad = job.target.aadObjectId;
      if (await svc.hasAnswered(round, aad)) return null;
      const [member, workplace] = await Promise.all([svc.workplaces.member(job.workplaceId, aad), svc.workplaces.get(job.workplaceId)]);
      if (!member || !workplace) return null;
      return { card: questionCard(round, { reminder, thresholds: svc.thresholdsFor(workplace) }) };
    },
  };
}

/** The MED summary of a quarter: published weekly values only (quarter.ts). */
export async function quarterSummaryCard(svc: PulseService, workplace: Pick<Workplace, 'id' | 'name' | 'settings'>, year: number, quarter: number) {
  const thresholds = svc.thresholdsFor(workplace);
  const now = quarterRange(year, quarter);
  const before = quarterRange(quarter === 1 ? year - 1 : year, quarter === 1 ? 4 : quarter - 1);
  const rounds = (await svc.rounds(workplace.id)).filter((r) => r.openDate <= now.to);
  const published = await svc.publications(rounds, thresholds);
  const within = (s: (typeof published)[number], r: { from: string; to: string }) => s.round.openDate >= r.from && s.round.openDate <= r.to;
  const view = buildQuarter(published.filter((s) => within(s, now)), published.filter((s) => within(s, before)), thresholds);
  return quarterCard(view, t.quarter.label(year, quarter), workplace.name);
}

export function pulseJobs(svc: PulseService): FeaturePart {
  const results: JobHandler = {
    kind: JOB_KINDS.results,
    label: t.jobLabels.results,
    async render(job) {
      const roundId = roundIdOf(job);
      const [round, workplace] = await Promise.all([roundId ? svc.round(job.workplaceId, roundId) : undefined, svc.workplaces.get(job.workplaceId)]);
      if (!round || round.status !== 'closed' || !workplace) return null;
      return { card: resultsCard(await svc.results(workplace, round), workplace.name) };
    },
  };
  const quarter: JobHandler = {
    kind: JOB_KINDS.quarter,
    label: t.jobLabels.quarter,
    async render(job) {
      const { year, quarter: q } = job.payload;
      const workplace = await svc.workplaces.get(job.workplaceId);
      if (typeof year !== 'number' || typeof q !== 'number' || !workplace) return null;
      return { card: await quarterSummaryCard(svc, workplace, year, q) };
    },
  };
  return {
    jobs: [questionHandler(svc, JOB_KINDS.card, false), questionHandler(svc, JOB_KINDS.reminder, true), results, quarter, firstRoundJob(svc)],
    recurring: [
      {
        name: 'pulse.tick',
        cron: TICK_CRON,
        async run(now) {
          const report = await tick(svc, now);
          if (report.opened.length || report.closed.length) svc.log.info({ event: 'pulse.tick', ...report }, 'pulse tick');
        },
      },
      { name: 'pulse.quarterly', cron: QUARTER_CRON, run: async (now) => void (await scheduleQuarter(svc, now)) },
    ],
  };
}
