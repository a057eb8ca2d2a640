/**
 * A workplace's first trivselspuls is never a surprise. When the tick first sees a
 * workplace with members and no round, it fixes the day the pulse starts (`startsOn`
 * in its settings: the next regular opening, never one already past, so roles saved on
 * a Tuesday do not send Monday's round three minutes later) and tells every leader
 * privately when it goes out and to how many, with "Start nu" and "Udskyd en uge"
 * (verbs-first.ts). The notice is rendered when it is sent, from the state of the
 * moment: once the round exists it says so and offers nothing.
 */
import { renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import { formatDateTime } from '../i18n/da.js';
import { pulseText as t } from '../i18n/pulse.js';
import type { JobHandler } from '../outbox/types.js';
import { addDays } from '../shared/calendar.js';
import type { Workplace } from '../workplaces/model.js';
import { firstKey, JOB_KINDS, type Round } from './model.js';
import { FIRST_ROUND_GRACE_MS, nextOpening, nextRoundAfter } from './schedule.js';
import type { PulseService } from './service.js';
import type { PulseSettings } from './settings.js';

/**
 * Fixes the first round's day and schedules the leaders' notice (once: a second instance
 * or a restart computes the same day and the same job keys). A workplace that already has
 * rounds (from before this notice existed) gets its first round's day and no notice.
 * Returns the settings in force afterwards.
 */
export async function announceFirstRound(svc: PulseService, workplace: Workplace, settings: PulseSettings, now: Date): Promise<PulseSettings> {
  const members = await svc.workplaces.members(workplace.id);
  if (members.length === 0) return settings;
  const rounds = await svc.rounds(workplace.id);
  const startsOn = rounds[0]?.openDate ?? nextRoundAfter(settings, new Date(now.getTime() - FIRST_ROUND_GRACE_MS)).openDate;
  await storeStartsOn(svc, workplace.id, startsOn);
  if (rounds.length > 0) return { ...settings, startsOn };
  const leaders = members.filter((m) => m.roles.includes('leder'));
  await svc.scheduler.scheduleMany(
    leaders.map((l) => ({
      key: firstKey(workplace.id, l.aadObjectId),
      kind: JOB_KINDS.first,
      workplaceId: workplace.id,
      target: { kind: 'user' as const, aadObjectId: l.aadObjectId },
      dueAt: now,
      payload: {},
    })),
  );
  svc.log.info({ event: 'pulse.firstAnnounced', workplaceId: workplace.id, startsOn, leaders: leaders.length }, 'first pulse round announced to the leaders');
  return { ...settings, startsOn };
}

/**
 * Sets `startsOn` in the stored pulse settings, keeping every other stored value as it is;
 * `laterOnly` never moves it earlier. Racing callers write it once.
 */
export async function storeStartsOn(svc: PulseService, workplaceId: string, startsOn: string, laterOnly = false): Promise<void> {
  await svc.workplaces.changeSettings(workplaceId, 'pulse', (current) => {
    const stored = current && typeof current === 'object' ? (current as Record<string, unknown>) : {};
    const was = typeof stored.startsOn === 'string' ? stored.startsOn : undefined;
    if (was === startsOn || (laterOnly && was !== undefined && was > startsOn)) return undefined;
    return { ...stored, startsOn };
  });
}

export interface FirstRoundState {
  workplace: Pick<Workplace, 'id' | 'name'>;
  settings: PulseSettings;
  /** People the round goes (or went) to. */
  invitees: number;
  /** The workplace's first round, once it exists. */
  round?: Round;
  now: Date;
}

/** The leaders' notice: when the first round goes out, or that it has. */
export function firstRoundCard(s: FirstRoundState): CardJson {
  const opening = nextOpening(s.settings, s.now);
  const round = s.round;
  const lead = !round
    ? t.first.lead(formatDateTime(opening.opensAt), s.invitees)
    : s.now < round.opensAt
      ? t.first.ready(formatDateTime(round.opensAt), s.invitees, formatDateTime(round.closesAt))
      : t.first.sent(round.weekLabel, s.invitees, formatDateTime(round.closesAt));
  return renderCard('pulse-first', {
    title: t.first.title(s.workplace.name),
    lead,
    how: t.first.how(s.settings.minScores),
    change: t.first.change,
    canChoose: !round,
    t: { start: t.first.start, postpone: t.first.postpone },
    startData: { workplaceId: s.workplace.id },
    // The card says which day it postpones to, so pressing it twice postpones once.
    postponeData: { workplaceId: s.workplace.id, startsOn: addDays(opening.openDate, 7) },
  });
}

/** The state a notice or a verb's answer is drawn from. */
export async function firstRoundState(svc: PulseService, workplaceId: string, now: Date): Promise<FirstRoundState | undefined> {
  const workplace = await svc.workplaces.get(workplaceId);
  if (!workplace) return undefined;
  const [rounds, members] = await Promise.all([svc.rounds(workplaceId), svc.workplaces.members(workplaceId)]);
  const round = rounds[0];
  const invitees = round ? (await svc.store.invitedAmong(round, members)).length : members.length;
  return { workplace, settings: svc.settingsFor(workplace), invitees, ...(round ? { round } : {}), now };
}

export function firstRoundJob(svc: PulseService): JobHandler {
  return {
    kind: JOB_KINDS.first,
    label: t.jobLabels.first,
    // Like every pulse job: no key (it names the leader) in the engine's log lines.
    trace: 'quiet',
    async render(job, now) {
      const state = await firstRoundState(svc, job.workplaceId, now);
      // Switched off, or the first round is long over: nothing to announce.
      if (!state || !state.settings.enabled || (state.round && state.round.status !== 'open')) return null;
      return { card: firstRoundCard(state) };
    },
  };
}

