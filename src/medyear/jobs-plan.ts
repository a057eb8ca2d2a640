import type { Forum } from '../core/access.js';
import type { ScheduleRequest } from '../outbox/types.js';
import { zonedInstant } from '../shared/calendar.js';
import type { Workplace } from '../workplaces/model.js';
import type { ApvCycle, Wheel } from './model.js';
import { AGENDA_TIME, agendaDay, apvReminderDue, sortMeetings } from './rules.js';

/**
 * The MED year's job keys and the rows it plans (pure). One prefix per thing, so a change
 * cancels exactly its rows:
 *
 *   medyear:<workplace>:agenda:<forum>:<date>   the agenda of one meeting (channel)
 *   medyear:<workplace>:apv:<rev>:<date>         the APV reminder of the cycle as it is at rev (channel)
 */
export const JOB_AGENDA = 'medyear.agenda';
export const JOB_APV = 'medyear.apv';

export const AGENDA_PREFIX = (workplaceId: string) => `medyear:${workplaceId}:agenda:`;
export const APV_PREFIX = (workplaceId: string) => `medyear:${workplaceId}:apv:`;

const channelOf = (wp: Workplace, forum: Forum) => wp[forum]?.conversationId;

/** One row per future meeting whose forum has a channel: the agenda three working days before at 09.00 (at once when that has passed). */
export function agendaRequests(wp: Workplace, wheel: Pick<Wheel, 'meetings'>, now: Date): ScheduleRequest[] {
  const out: ScheduleRequest[] = [];
  for (const m of sortMeetings(wheel.meetings)) {
    const conversationId = channelOf(wp, m.forum);
    const meetingAt = zonedInstant(m.date, m.time);
    if (!conversationId || meetingAt <= now) continue;
    const at = zonedInstant(agendaDay(m), AGENDA_TIME);
    out.push({
      key: `${AGENDA_PREFIX(wp.id)}${m.forum}:${m.date}`,
      kind: JOB_AGENDA,
      workplaceId: wp.id,
      target: { kind: 'channel', conversationId },
      dueAt: at > now ? at : now,
      payload: { workplaceId: wp.id, forum: m.forum, date: m.date },
    });
  }
  return out;
}

/** The APV reminder to the MED channel (the TRIO channel when there is no MED channel). */
export function apvRequest(wp: Workplace, apv: ApvCycle, now: Date, on?: string): ScheduleRequest | undefined {
  const day = on ?? apvReminderDue(apv);
  const conversationId = channelOf(wp, 'med') ?? channelOf(wp, 'trio');
  if (!day || !conversationId) return undefined;
  const at = zonedInstant(day, AGENDA_TIME);
  return {
    key: `${APV_PREFIX(wp.id)}${apv.rev}:${day}`,
    kind: JOB_APV,
    workplaceId: wp.id,
    target: { kind: 'channel', conversationId },
    dueAt: at > now ? at : now,
    payload: { workplaceId: wp.id, rev: apv.rev, day },
  };
}
