/**
 * Part of the pulse's service (split from service.ts by size; it is what the recurring
 * job runs, and it reaches the store as the service does). The weekly cycle, driven by a recurring tick: open this week's round (the members of
 * the moment are its invitees) and hand one card job and one reminder job per invitee
 * to the outbox; close rounds whose week is over, decide what they publish, purge their
 * per-person jobs and post the results to TRIO. Every step is idempotent (round rows are
 * created once, job keys are unique), so a second instance or a restart repeats nothing.
 */
import type { PulseThresholds } from './aggregate.js';
import type { ScheduleRequest } from '../outbox/types.js';
import { parseWorkingHours } from '../outbox/quiet-hours.js';
import { localDateOf } from '../shared/calendar.js';
import type { Member, Workplace } from '../workplaces/model.js';
import { scaleOf } from './bank.js';
import { cardKey, FORUM_ROLES, JOB_KINDS, resultsKey, roundJobs, type Round } from './model.js';
import { publishRound } from './publish.js';
import { pickItems } from './rotation.js';
import { announceFirstRound } from './first-round.js';
import { CLOSE_GRACE_MS, isDeliberatelyOffHours, previousQuarter, roundsToOpen, type RoundTiming } from './schedule.js';
import type { PulseService } from './service.js';
import type { PulseSettings } from './settings.js';

export interface TickReport {
  opened: string[];
  closed: string[];
  jobs: number;
}

/** One tick for every workplace; one workplace failing does not stop the others. */
export async function tick(svc: PulseService, now: Date): Promise<TickReport> {
  const report: TickReport = { opened: [], closed: [], jobs: 0 };
  for (const workplace of await svc.workplaces.list()) {
    try {
      await tickWorkplace(svc, workplace, now, report);
    } catch (err) {
      svc.log.error({ err, event: 'pulse.tickFailed', workplaceId: workplace.id }, 'pulse tick failed for a workplace');
    }
  }
  return report;
}

async function tickWorkplace(svc: PulseService, workplace: Workplace, now: Date, report: TickReport): Promise<void> {
  const settings = svc.settingsFor(workplace);
  const unclosed = await svc.store.unclosedRounds(workplace.id);
  for (const round of unclosed) {
    if (now.getTime() >= round.closesAt.getTime() + CLOSE_GRACE_MS) {
      const thresholds = svc.thresholdsFor(workplace);
      const outcome = await svc.store.close(workplace.id, round.id, thresholds, now, { beforeClosed: (closing) => finishClose(svc, closing, thresholds) });
      if (outcome !== 'closed') continue;
      report.closed.push(`${workplace.id}/${round.id}`);
      svc.log.info({ event: 'pulse.closed', workplaceId: workplace.id, round: round.id }, 'pulse round closed');
      report.jobs += await scheduleResults(svc, workplace, round, now);
    } else if (!round.fannedOut && now < round.closesAt) {
      report.jobs += await fanOut(svc, workplace, round, settings); // an earlier tick stopped half-way
    }
  }
  if (!settings.enabled) return;
  // A workplace's first round is announced to its leaders before it opens (first-round.ts).
  const inForce = settings.startsOn === undefined && unclosed.length === 0 ? await announceFirstRound(svc, workplace, settings, now) : settings;
  for (const timing of roundsToOpen(inForce, now)) {
    if (inForce.startsOn !== undefined && timing.openDate < inForce.startsOn) continue;
    if (await svc.store.round(workplace.id, timing.id)) continue;
    // After a change of weekday, never two rounds at once: wait until the open one has closed.
    if (unclosed.some((r) => r.closesAt > timing.opensAt)) continue;
    const opened = await openRoundAt(svc, workplace, inForce, timing);
    if (!opened) continue;
    report.opened.push(`${workplace.id}/${timing.id}`);
    report.jobs += opened.jobs;
  }
}

/**
 * Opens a round with this timing (its invitees are the members of the moment) and fans
 * its cards out. Undefined when it exists already or there is nobody to ask.
 */
export async function openRoundAt(svc: PulseService, workplace: Workplace, settings: PulseSettings, timing: RoundTiming): Promise<{ round: Round; jobs: number } | undefined> {
  const members = await svc.workplaces.members(workplace.id);
  if (members.length === 0) return undefined;
  const forumInvited = members.filter((m) => m.roles.some((r) => FORUM_ROLES.includes(r))).length;
  const items = pickItems(svc.bank, timing.weekIndex).map((item) => ({
    id: item.id,
    dimension: item.dimension,
    reversed: item.reversed,
    text: item.text,
    scale: scaleOf(svc.bank, item),
    ...(item.notApplicable ? { notApplicable: true } : {}),
  }));
  const created = await svc.store.openRound({ ...timing, workplaceId: workplace.id, items, forumInvited }, members.map((m) => m.aadObjectId));
  if (!created) return undefined;
  svc.log.info({ event: 'pulse.opened', workplaceId: workplace.id, round: timing.id, invited: members.length }, 'pulse round opened');
  const round = await svc.store.round(workplace.id, timing.id);
  if (!round) return undefined;
  return { round, jobs: await fanOut(svc, workplace, round, settings, members) };
}

/**
 * What closing adds once the answers are stored: the publication (decided once, against
 * the earlier rounds) and the purge of the round's per-person jobs, whose records would
 * otherwise show who was reminded and whose reminder was cancelled because they had answered.
 */
async function finishClose(svc: PulseService, round: Round, thresholds: PulseThresholds): Promise<void> {
  await publishRound(svc.store, round, thresholds);
  await svc.scheduler.purge(roundJobs(round.workplaceId, round.id));
}

/** A card job and a reminder job per invitee; the reminder renders nothing for those who answered. */
export async function fanOut(svc: PulseService, workplace: Pick<Workplace, 'settings'>, round: Round, settings: PulseSettings, members?: readonly Member[]): Promise<number> {
  // Resumed after a crash: the invitees are those of the opening, not today's members.
  const people = members ?? (await svc.store.invitedAmong(round, await svc.workplaces.members(round.workplaceId)));
  const hours = parseWorkingHours((workplace.settings.reminders as { workingHours?: unknown } | undefined)?.workingHours);
  const urgent = isDeliberatelyOffHours(settings, hours ?? svc.workingHours);
  const requests: ScheduleRequest[] = people.flatMap((m) => {
    const base = { workplaceId: round.workplaceId, target: { kind: 'user' as const, aadObjectId: m.aadObjectId }, payload: { round: round.id }, urgent };
    const key = cardKey(round.workplaceId, round.id, m.aadObjectId);
    return [
      { ...base, key, kind: JOB_KINDS.card, dueAt: round.opensAt },
      { ...base, key: `${key}:reminder`, kind: JOB_KINDS.reminder, dueAt: round.remindAt },
    ];
  });
  await svc.scheduler.scheduleMany(requests);
  await svc.store.markFannedOut(round.workplaceId, round.id);
  return requests.length;
}

async function scheduleResults(svc: PulseService, workplace: Workplace, round: Round, now: Date): Promise<number> {
  if (!workplace.trio) {
    svc.log.info({ event: 'pulse.noTrioChannel', workplaceId: workplace.id }, 'no TRIO channel: results are only shown on request');
    return 0;
  }
  await svc.scheduler.schedule({
    key: resultsKey(workplace.id, round.id),
    kind: JOB_KINDS.results,
    workplaceId: workplace.id,
    target: { kind: 'channel', conversationId: workplace.trio.conversationId },
    dueAt: now,
    payload: { round: round.id },
  });
  return 1;
}

/** Schedules the summary of the quarter that just ended to every MED channel. */
export async function scheduleQuarter(svc: PulseService, now: Date): Promise<number> {
  const { year, quarter } = previousQuarter(localDateOf(now));
  let count = 0;
  for (const workplace of await svc.workplaces.list()) {
    if (!workplace.med) continue;
    await svc.scheduler.schedule({
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
