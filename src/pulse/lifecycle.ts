/**
 * The weekly cycle, driven by a recurring tick: open this week's round and hand one
 * card job and one reminder job per member to the reminder engine; close rounds whose
 * week is over and post the results to TRIO. Every step is idempotent (round rows are
 * created once, job keys are unique), so a second instance or a restart repeats nothing.
 */
import type { Logger } from '../core/log.js';
import { parseWorkingHours } from '../outbox/quiet-hours.js';
import type { ScheduleRequest, Scheduler } from '../outbox/types.js';
import { localDateOf } from '../shared/calendar.js';
import type { Member, Workplace } from '../workplaces/model.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { scaleOf, type PulseBank } from './bank.js';
import { pickItems } from './rotation.js';
import { CLOSE_GRACE_MS, isDeliberatelyOffHours, previousQuarter, roundsToOpen } from './schedule.js';
import { pulseSettingsOf, thresholdsOf, type PulseSettings } from './settings.js';
import type { PulseStore, Round } from './store.js';

export const JOB_KINDS = {
  card: 'pulse.card',
  reminder: 'pulse.reminder',
  results: 'pulse.results',
  quarter: 'pulse.quarter',
} as const;

/** What the pulse's jobs, commands and verbs share. */
export interface PulseCore {
  store: PulseStore;
  workplaces: WorkplaceStore;
  /** The outbox: every card, reminder and result post is a job there. */
  scheduler: Scheduler;
  log: Logger;
  bank: PulseBank;
  /** Defaults from config (PULSE_MIN_GROUP). */
  defaults: Partial<PulseSettings>;
  workingHours: { start: string; end: string };
}

export interface TickReport {
  opened: string[];
  closed: string[];
  jobs: number;
}

export function settingsFor(core: PulseCore, workplace: Pick<Workplace, 'settings'>): PulseSettings {
  return pulseSettingsOf(workplace.settings.pulse, core.defaults);
}

export const cardKey = (workplaceId: string, roundId: string, aadObjectId: string): string =>
  `pulse:${workplaceId}:${roundId}:${aadObjectId.toLowerCase()}`;


/** One tick for every workplace; one workplace failing does not stop the others. */
export async function tick(core: PulseCore, now: Date): Promise<TickReport> {
  const report: TickReport = { opened: [], closed: [], jobs: 0 };
  for (const workplace of await core.workplaces.list()) {
    try {
      await tickWorkplace(core, workplace, now, report);
    } catch (err) {
      core.log.error({ err, event: 'pulse.tickFailed', workplaceId: workplace.id }, 'pulse tick failed for a workplace');
    }
  }
  return report;
}

async function tickWorkplace(core: PulseCore, workplace: Workplace, now: Date, report: TickReport): Promise<void> {
  const settings = settingsFor(core, workplace);
  const unclosed = await core.store.unclosedRounds(workplace.id);
  for (const round of unclosed) {
    if (now.getTime() >= round.closesAt.getTime() + CLOSE_GRACE_MS) {
      if ((await core.store.close(workplace.id, round.id, thresholdsOf(settings), now)) !== 'closed') continue;
      report.closed.push(`${workplace.id}/${round.id}`);
      core.log.info({ event: 'pulse.closed', workplaceId: workplace.id, round: round.id }, 'pulse round closed');
      report.jobs += await scheduleResults(core, workplace, round, now);
    } else if (!round.fannedOut && now < round.closesAt) {
      report.jobs += await fanOut(core, workplace, round, settings); // an earlier tick stopped half-way
    }
  }
  if (!settings.enabled) return;
  for (const timing of roundsToOpen(settings, now)) {
    if (await core.store.round(workplace.id, timing.id)) continue;
    // After a change of weekday, never two rounds at once: wait until the open one has closed.
    if (unclosed.some((r) => r.closesAt > timing.opensAt)) continue;
    const members = await core.workplaces.members(workplace.id);
    if (members.length === 0) continue;
    const items = pickItems(core.bank, timing.weekIndex).map((item) => ({
      id: item.id,
      dimension: item.dimension,
      reversed: item.reversed,
      text: item.text,
      scale: scaleOf(core.bank, item),
    }));
    const created = await core.store.createRound({ ...timing, workplaceId: workplace.id, items, invited: members.length });
    if (!created) continue;
    report.opened.push(`${workplace.id}/${timing.id}`);
    core.log.info({ event: 'pulse.opened', workplaceId: workplace.id, round: timing.id, invited: members.length }, 'pulse round opened');
    const round = await core.store.round(workplace.id, timing.id);
    if (round) report.jobs += await fanOut(core, workplace, round, settings, members);
  }
}

/** A card job and a reminder job per member; the reminder renders nothing for those who answered. */
export async function fanOut(
  core: PulseCore,
  workplace: Pick<Workplace, 'settings'>,
  round: Round,
  settings: PulseSettings,
  members?: readonly Member[],
): Promise<number> {
  const people = members ?? (await core.workplaces.members(round.workplaceId));
  const hours = parseWorkingHours((workplace.settings.reminders as { workingHours?: unknown } | undefined)?.workingHours);
  const urgent = isDeliberatelyOffHours(settings, hours ?? core.workingHours);
  const requests: ScheduleRequest[] = people.flatMap((m) => {
    const base = { workplaceId: round.workplaceId, target: { kind: 'user' as const, aadObjectId: m.aadObjectId }, payload: { round: round.id }, urgent };
    const key = cardKey(round.workplaceId, round.id, m.aadObjectId);
    return [
      { ...base, key, kind: JOB_KINDS.card, dueAt: round.opensAt },
      { ...base, key: `${key}:reminder`, kind: JOB_KINDS.reminder, dueAt: round.remindAt },
    ];
  });
  await core.scheduler.scheduleMany(requests);
  await core.store.markFannedOut(round.workplaceId, round.id);
  return requests.length;
}

async function scheduleResults(core: PulseCore, workplace: Workplace, round: Round, now: Date): Promise<number> {
  if (!workplace.trio) {
    core.log.info({ event: 'pulse.noTrioChannel', workplaceId: workplace.id }, 'no TRIO channel: results are only shown on request');
    return 0;
  }
  await core.scheduler.schedule({
    key: `pulse:${workplace.id}:${round.id}:results`,
    kind: JOB_KINDS.results,
    workplaceId: workplace.id,
    target: { kind: 'channel', conversationId: workplace.trio.conversationId },
    dueAt: now,
    payload: { round: round.id },
  });
  return 1;
}

/** Schedules the summary of the quarter that just ended to every MED channel. */
export async function scheduleQuarter(core: PulseCore, now: Date): Promise<number> {
  const { year, quarter } = previousQuarter(localDateOf(now));
  let count = 0;
  for (const workplace of await core.workplaces.list()) {
    if (!workplace.med) continue;
    await core.scheduler.schedule({
      key: `pulse:${workplace.id}:quarter:${year}-Q${quarter}`,
      kind: JOB_KINDS.quarter,
      workplaceId: workplace.id,
      target: { kind: 'channel', conversationId: workplace.med.conversationId },
      dueAt: now,
      payload: { year, quarter },
    });
    count++;
  }
  return count;
}
