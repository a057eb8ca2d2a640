/**
 * The follow-up timeline at its edges (issue 23: mutants that survived): each deadline on
 * its day, the day before and the day after; what a logged contact covers; rest; the
 * samtale booked for the deadline day; the employer period of § 40 before and after a
 * return; the long-absence items; the return follow-up; what a raskmelding cancels; and
 * the order the leader sees. 2026-09-07 (the first day in every case) is a Monday.
 */
import { describe, expect, it } from 'vitest';
import { timelineText } from '../../src/i18n/sickness-rules.js';
import { DEFAULT_POLICY, type FollowUpPolicy } from '../../src/sickness/policy.js';
import { customPolicy } from '../support/policy.js';
import { computeTimeline, type SicknessCaseState, type TimelineItem, type TimelineKey } from '../../src/sickness/timeline.js';

const MON = '2026-09-07';
const NOTES = timelineText.notes;

function sick(patch: Partial<SicknessCaseState> = {}): SicknessCaseState {
  return { firstDay: MON, partial: false, expectedDuration: 'ukendt', status: 'aktiv', contacts: [], ...patch };
}

function item(state: SicknessCaseState, today: string, key: TimelineKey, policy: FollowUpPolicy = DEFAULT_POLICY): TimelineItem | undefined {
  return computeTimeline(policy, state, today).find((i) => i.key === key);
}

/** status and note of an item: what the leader reads on the card. */
function shown(state: SicknessCaseState, today: string, key: TimelineKey, policy: FollowUpPolicy = DEFAULT_POLICY) {
  const found = item(state, today, key, policy);
  if (!found) throw new Error(`no ${key} on ${today}`);
  return { status: found.status, note: found.note };
}

/** The same with the day it is due or was done (toEqual: a note that is not expected must be missing). */
function card(state: SicknessCaseState, today: string, key: TimelineKey, policy: FollowUpPolicy = DEFAULT_POLICY) {
  const found = item(state, today, key, policy);
  if (!found) throw new Error(`no ${key} on ${today}`);
  return { status: found.status, note: found.note, due: found.due, doneOn: found.doneOn };
}

describe('contacts: what a logged call covers', () => {
  it('the day 3 call made a day early counts for day 3 and covers day 1', () => {
    const state = sick({ contacts: [{ point: 3, on: '2026-09-08' }] });
    expect(card(state, '2026-09-09', 'contact:3')).toEqual({ status: 'done', due: '2026-09-09', doneOn: '2026-09-08', note: undefined });
    expect(item(state, '2026-09-09', 'contact:1')).toMatchObject({ status: 'done', doneOn: '2026-09-08', note: 'Dækket af kontakten 8. september 2026' });
    expect(shown(state, '2026-09-09', 'contact:10').status).toBe('upcoming');
  });

  it('a first call only on day 3 covers the day 3 contact too', () => {
    const state = sick({ contacts: [{ point: 1, on: '2026-09-09' }] });
    expect(card(state, '2026-09-09', 'contact:1')).toEqual({ status: 'done', due: MON, doneOn: '2026-09-09', note: undefined });
    expect(item(state, '2026-09-09', 'contact:3')).toMatchObject({ status: 'done', doneOn: '2026-09-09', note: 'Dækket af kontakten 9. september 2026' });
  });

  it('a missed point is covered by the first call after it, in whatever order the calls were logged', () => {
    const state = sick({ contacts: [{ point: 10, on: '2026-09-16' }, { point: 3, on: '2026-09-10' }] });
    expect(item(state, '2026-09-16', 'contact:1')).toMatchObject({ status: 'done', doneOn: '2026-09-10', note: 'Dækket af kontakten 10. september 2026' });
  });

  it('the timeline of a day counts only the calls made by then', () => {
    const state = sick({ contacts: [{ point: 3, on: '2026-09-09' }] });
    expect(shown(state, '2026-09-08', 'contact:1')).toEqual({ status: 'due', note: undefined });
  });

  it('rest pauses the contacts from the day it is asked for, not before', () => {
    const onDay3 = sick({ restRequestedOn: '2026-09-09' });
    expect(shown(onDay3, '2026-09-09', 'contact:3')).toEqual({ status: 'paused', note: NOTES.rest });
    const later = sick({ restRequestedOn: '2026-09-12' });
    expect(shown(later, '2026-09-09', 'contact:3')).toEqual({ status: 'due', note: undefined });
    expect(shown(later, '2026-09-16', 'contact:10')).toEqual({ status: 'paused', note: NOTES.rest });
  });
});

describe('the sygefraværssamtale', () => {
  it('both samtale items are duties of the employer under § 7 a', () => {
    const items = computeTimeline(DEFAULT_POLICY, sick(), MON).filter((i) => i.key.startsWith('samtale'));
    expect(items.map((i) => [i.key, i.statutory])).toEqual([['samtale:book', true], ['samtale', true]]);
  });

  it("the policy's own line shows only when it asks for more than the law", () => {
    const local = (policy: FollowUpPolicy) => computeTimeline(policy, sick(), MON).filter((i) => i.key.startsWith('samtale')).map((i) => i.local);
    // 1-3-10 agrees on a time by day 21: that is the policy's, not the law's.
    const line = timelineText.samtaleLocal(DEFAULT_POLICY);
    expect(local(DEFAULT_POLICY)).toEqual([line, line]);
    // Book and hold within the law's 4 weeks: nothing to add.
    expect(local(customPolicy(DEFAULT_POLICY, { samtale: { bookWithinDays: 28 } }))).toEqual([undefined, undefined]);
    // Held a day earlier than the law asks: the policy says so.
    const early = customPolicy(DEFAULT_POLICY, { samtale: { bookWithinDays: 27, holdWithinDays: 27 } });
    expect(local(early)).toEqual([timelineText.samtaleLocal(early), timelineText.samtaleLocal(early)]);
  });

  it('booked for the deadline day is in time: due that day and after, never overdue', () => {
    const state = sick({ samtaleBookedOn: '2026-09-25', samtaleBookedFor: '2026-10-05' }); // first day + 28
    expect(shown(state, '2026-09-25', 'samtale')).toEqual({ status: 'booked', note: undefined });
    expect(shown(state, '2026-10-04', 'samtale')).toEqual({ status: 'booked', note: undefined });
    expect(shown(state, '2026-10-05', 'samtale')).toEqual({ status: 'due', note: NOTES.awaitingOutcome });
    expect(shown(state, '2026-10-06', 'samtale')).toEqual({ status: 'due', note: NOTES.awaitingOutcome });
  });

  it('booked for the day after the deadline is late from the start and overdue when it comes', () => {
    const state = sick({ samtaleBookedOn: '2026-09-25', samtaleBookedFor: '2026-10-06' });
    expect(shown(state, '2026-09-25', 'samtale')).toEqual({ status: 'booked', note: NOTES.bookedLate });
    expect(shown(state, '2026-10-06', 'samtale')).toEqual({ status: 'overdue', note: NOTES.bookedLate });
  });
});

describe('the municipality notification (§ 40) and the employer period of 30 days', () => {
  const longish = sick({ expectedDuration: 'over-4-uger' });
  const onlyIf = NOTES.employerPeriod(30);

  it('on day 30 it is due, as long as the absence goes on; from day 31 without a condition', () => {
    expect(shown(longish, '2026-10-05', 'municipality')).toEqual({ status: 'due', note: onlyIf }); // 7 days before the deadline
    expect(shown(longish, '2026-10-06', 'municipality')).toEqual({ status: 'due', note: onlyIf }); // day 30
    expect(shown(longish, '2026-10-07', 'municipality')).toEqual({ status: 'due', note: undefined }); // day 31
    expect(shown(longish, '2026-10-12', 'municipality')).toEqual({ status: 'due', note: undefined }); // the deadline
    expect(shown(longish, '2026-10-13', 'municipality')).toEqual({ status: 'overdue', note: undefined });
  });

  it('an expected absence under a week or of 1-4 weeks shows no notification before it is due', () => {
    for (const expectedDuration of ['under-1-uge', '1-4-uger'] as const) {
      expect(shown(sick({ expectedDuration }), '2026-09-16', 'municipality'), expectedDuration).toEqual({ status: 'not-applicable', note: onlyIf });
    }
    expect(shown(sick(), '2026-09-16', 'municipality')).toEqual({ status: 'upcoming', note: onlyIf });
  });

  it('back after 30 days: no notification; back after 31: the duty stays, and is missed after day 35', () => {
    const after30 = sick({ status: 'raskmeldt', returnDay: '2026-10-07' });
    const after31 = sick({ status: 'raskmeldt', returnDay: '2026-10-08' });
    for (const today of ['2026-10-08', '2026-10-20']) expect(shown(after30, today, 'municipality'), today).toEqual({ status: 'not-applicable', note: onlyIf });
    expect(shown(after31, '2026-10-08', 'municipality')).toEqual({ status: 'due', note: undefined });
    expect(shown(after31, '2026-10-20', 'municipality')).toEqual({ status: 'overdue', note: undefined });
  });

  it('once notified it is done, also after the deadline', () => {
    expect(item(sick({ municipalityNotifiedOn: '2026-10-09' }), '2026-10-20', 'municipality')).toMatchObject({ status: 'done', doneOn: '2026-10-09', statutory: true });
  });
});

describe('the long-absence items', () => {
  it('an expected return more than 8 weeks after the first day signals from day 1; exactly 8 weeks does not', () => {
    const eightWeeks = sick({ expectedReturn: '2026-11-02' }); // 56 days of absence
    expect(item(eightWeeks, MON, 'fastholdelsesplan')).toMatchObject({ status: 'upcoming', due: '2026-10-05', note: NOTES.ifLong(28) });
    const longer = sick({ expectedReturn: '2026-11-03' });
    expect(card(longer, MON, 'fastholdelsesplan')).toEqual({ status: 'due', due: MON, note: undefined });
    expect(card(longer, MON, 'fasttrack')).toEqual({ status: 'due', due: MON, note: undefined });
  });

  it('fast track: a prompt, not a duty; due on the last day of the 5 weeks, closed the day after', () => {
    const state = sick({ expectedDuration: 'over-8-uger' });
    expect(item(state, '2026-10-11', 'fasttrack')).toMatchObject({ status: 'due', statutory: false, deadline: '2026-10-11' });
    expect(card(state, '2026-10-11', 'fasttrack')).toEqual({ status: 'due', due: MON, note: undefined });
    expect(shown(state, '2026-10-12', 'fasttrack')).toEqual({ status: 'cancelled', note: NOTES.fastTrackClosed });
    // Handled in time: done, not closed.
    expect(item({ ...state, fastTrackHandledOn: '2026-09-20' }, '2026-10-20', 'fasttrack')).toMatchObject({ status: 'done', doneOn: '2026-09-20' });
  });

  it('fast track: a policy that signals long absence only after the 5 weeks never asks', () => {
    const at34 = customPolicy(DEFAULT_POLICY, { longAbsence: { signalAfterDays: 34 } });
    expect(shown(sick(), MON, 'fasttrack', at34)).toEqual({ status: 'upcoming', note: NOTES.ifLong(34) });
    expect(shown(sick(), '2026-10-11', 'fasttrack', at34)).toEqual({ status: 'due', note: NOTES.ifLong(34) });
    const at35 = customPolicy(DEFAULT_POLICY, { longAbsence: { signalAfterDays: 35 } });
    expect(shown(sick(), MON, 'fasttrack', at35)).toEqual({ status: 'not-applicable', note: NOTES.notLong });
  });

  it('fastholdelsesplan: the employee’s right (not a duty); told about it is done; a request counts from its day', () => {
    expect(item(sick(), MON, 'fastholdelsesplan')).toMatchObject({ statutory: false, title: timelineText.titles.fastholdelsesplan, note: NOTES.ifLong(28) });
    expect(item(sick({ fastholdelsesplanOfferedOn: '2026-10-06' }), '2026-10-20', 'fastholdelsesplan')).toMatchObject({ status: 'done', doneOn: '2026-10-06' });
    const askedLater = sick({ fastholdelsesplanRequestedOn: '2026-09-20' });
    expect(item(askedLater, '2026-09-19', 'fastholdelsesplan')).toMatchObject({ status: 'upcoming', title: timelineText.titles.fastholdelsesplan, due: '2026-10-05' });
    expect(item(askedLater, '2026-09-20', 'fastholdelsesplan')).toMatchObject({ status: 'due', title: timelineText.titles.fastholdelsesplanRequested, due: '2026-09-20' });
  });
});

describe('the return follow-up', () => {
  const back = sick({ status: 'raskmeldt', returnDay: '2026-09-26' }); // 19 days of absence

  it('14 days after the return day, whichever day the leader looks; a prompt of the policy', () => {
    for (const today of ['2026-09-26', '2026-10-05']) {
      expect(item(back, today, 'return-followup'), today).toMatchObject({ due: '2026-10-10', statutory: false, source: timelineText.policyLine(DEFAULT_POLICY), status: 'upcoming' });
    }
    expect(shown(back, '2026-10-10', 'return-followup').status).toBe('due');
    expect(item({ ...back, returnFollowUpHeldOn: '2026-10-12' }, '2026-10-20', 'return-followup')).toMatchObject({ status: 'done', doneOn: '2026-10-12' });
  });

  it('only after 14 days of absence, only once back, and not when the workplace turned it off', () => {
    expect(item(sick({ status: 'raskmeldt', returnDay: '2026-09-21' }), '2026-09-21', 'return-followup')?.due).toBe('2026-10-05');
    expect(item(sick({ status: 'raskmeldt', returnDay: '2026-09-20' }), '2026-09-20', 'return-followup')).toBeUndefined();
    expect(item(sick(), '2026-10-20', 'return-followup')).toBeUndefined();
    expect(item(back, '2026-10-10', 'return-followup', customPolicy(DEFAULT_POLICY, { returnFollowUp: { enabled: false } }))).toBeUndefined();
  });
});

describe('raskmelding: what was missed stays missed, the rest is cancelled', () => {
  it('back on day 3: the day 1 contact was due, not missed, on the last sick day: cancelled, then and later', () => {
    const state = sick({ status: 'raskmeldt', returnDay: '2026-09-09' });
    for (const today of ['2026-09-09', '2026-09-10', '2026-10-20']) {
      expect(shown(state, today, 'contact:1'), today).toEqual({ status: 'cancelled', note: NOTES.returned });
    }
  });

  it('back on day 20: the samtale was not missed then; long after, it is still cancelled, not overdue', () => {
    const state = sick({ status: 'raskmeldt', returnDay: '2026-09-26', contacts: [{ point: 1, on: MON }, { point: 3, on: '2026-09-09' }, { point: 10, on: '2026-09-16' }] });
    expect(shown(state, '2026-11-20', 'samtale')).toEqual({ status: 'cancelled', note: NOTES.returned });
    expect(shown(state, '2026-11-20', 'samtale:book')).toEqual({ status: 'cancelled', note: NOTES.returned });
  });

  it('a return day still to come: a missed contact is overdue, and "missed before the return" only once back', () => {
    const state = sick({ status: 'raskmeldt', returnDay: '2026-09-25' });
    expect(shown(state, '2026-09-16', 'contact:1')).toEqual({ status: 'overdue', note: undefined });
    expect(shown(state, '2026-09-25', 'contact:1')).toEqual({ status: 'overdue', note: NOTES.missedBeforeReturn });
  });

  it('an item due on the coming return day is cancelled at once; one due before it stays', () => {
    const state = sick({ status: 'raskmeldt', returnDay: '2026-09-16' }); // day 10
    expect(shown(state, '2026-09-10', 'contact:10')).toEqual({ status: 'cancelled', note: NOTES.returned });
    expect(shown(state, '2026-09-10', 'contact:3')).toEqual({ status: 'due', note: undefined });
  });
});

describe('the order on the card', () => {
  it('by due day; items due on the same day in the order contacts, booking, samtale, notification, fast track, plan', () => {
    const keys = (state: SicknessCaseState, today = MON) => computeTimeline(DEFAULT_POLICY, state, today).map((i) => i.key);
    // Expected over 8 weeks: fast track and the plan are due from day 1, with the first contact.
    expect(keys(sick({ expectedDuration: 'over-8-uger' }))).toEqual(['contact:1', 'fasttrack', 'fastholdelsesplan', 'contact:3', 'contact:10', 'samtale:book', 'samtale', 'municipality']);
    // A samtale booked for after the notification's first reminder comes after it; asked for on day 3, the plan comes after the day 3 contact.
    expect(keys(sick({ samtaleBookedOn: '2026-09-21', samtaleBookedFor: '2026-10-09', fastholdelsesplanRequestedOn: '2026-09-09' }), '2026-09-21')).toEqual([
      'contact:1', 'contact:3', 'fastholdelsesplan', 'contact:10', 'samtale:book', 'municipality', 'fasttrack', 'samtale',
    ]);
  });
});
