import { describe, expect, it } from 'vitest';
import { medyearText as t, meetingTitle } from '../../../src/i18n/medyear.js';
import { agendaRequests, apvRequest } from '../../../src/medyear/jobs-plan.js';
import { EMPTY_APV, type Meeting, type Wheel } from '../../../src/medyear/model.js';
import {
  addMonths,
  agendaDay,
  aggregateNeeds,
  apvDeadline,
  apvReminderDay,
  apvReminderDue,
  apvState,
  DEFAULT_PLACEMENTS,
  defaultWheel,
  itemsFor,
  meetingForMonth,
  nextApvStep,
  withMajorChange,
  withStep,
  withSurvey,
  yearOf,
} from '../../../src/medyear/rules.js';
import { parseWheelForm } from '../../../src/medyear/verbs-meeting.js';
import { formatDanishDate, weekLabel, zonedInstant } from '../../../src/shared/calendar.js';
import type { Workplace } from '../../../src/workplaces/model.js';

const med = (date: string, time = '13:00'): Meeting => ({ forum: 'med', date, time });
const three: Wheel = { meetings: [med('2027-11-10'), med('2027-03-10'), med('2027-06-16'), { forum: 'trio', date: '2027-02-02', time: '10:00' }], placements: { ...DEFAULT_PLACEMENTS }, saved: true };

describe('standing items on the year', () => {
  it('puts each item on the first MED meeting from its month, and the every-meeting items on all', () => {
    expect(yearOf(three, 2027, 'med').map(({ meeting, items }) => [formatDanishDate(meeting.date), items])).toEqual([
      ['10. marts 2027', ['arbejdsmiljoedroeftelse', 'kompetenceudviklingsplan', 'sygefravaersstatistik', 'sygefravaer', 'handleplanStatus']],
      ['16. juni 2027', ['musEvaluering', 'sygefravaer', 'apvStatus', 'handleplanStatus']],
      ['10. november 2027', ['sygefravaer', 'handleplanStatus', 'seniorpolitik', 'tilsynsrapport']],
    ]);
  });

  it('an item whose month comes after the last meeting goes to the year\'s last meeting, not off the year', () => {
    const early: Wheel = { ...three, meetings: [med('2027-03-10'), med('2027-06-16')] };
    expect(meetingForMonth(early.meetings, 'med', 2027, 11)?.date).toBe('2027-06-16');
    expect(itemsFor(early, med('2027-06-16'))).toContain('tilsynsrapport');
  });

  it('a TRIO meeting gets only sickness absence and the handleplan, and an item switched off comes nowhere', () => {
    expect(itemsFor(three, { forum: 'trio', date: '2027-02-02', time: '10:00' })).toEqual(['sygefravaer', 'handleplanStatus']);
    const off: Wheel = { ...three, placements: { ...three.placements, seniorpolitik: -1 } };
    expect(yearOf(off, 2027, 'med').flatMap((m) => m.items)).not.toContain('seniorpolitik');
  });

  it('the default årshjul has four MED meetings on working Tuesdays and places every item', () => {
    const w = defaultWheel(2027);
    expect(w.saved).toBe(false);
    expect(w.meetings.map((m) => `${formatDanishDate(m.date)} (${weekLabel(m.date)})`)).toEqual(['2. marts 2027 (uge 9)', '1. juni 2027 (uge 22)', '7. september 2027 (uge 36)', '7. december 2027 (uge 49)']);
    const placed = new Set(yearOf(w, 2027).flatMap((m) => m.items));
    expect(placed.size).toBe(9);
  });

  it('the agenda is posted three working days before, skipping weekends and holidays', () => {
    expect(formatDanishDate(agendaDay(med('2027-03-10')))).toBe('5. marts 2027');
    // Tuesday 30 March 2027, after Easter (25, 26 and 29 March are holidays): Monday 22 March.
    expect(formatDanishDate(agendaDay(med('2027-03-30')))).toBe('22. marts 2027');
  });

  it('Danish meeting titles with week number and time', () => {
    expect(meetingTitle('med', '2026-12-01', '10:00')).toBe('MED-møde 1. december 2026 kl. 10.00 (uge 49)');
    expect(t.agenda.title('trio', '2026-11-24', '09:30')).toBe('Dagsorden: TRIO-møde 24. november 2026 kl. 09.30 (uge 48)');
  });
});

describe('agenda rows', () => {
  const wp: Workplace = { id: 'w', name: 'W', createdAt: '', createdBy: '', settings: {}, med: { conversationId: 'med-chan', teamId: 't' } };

  it('one per future meeting with a channel, keyed by forum and date; at once when the agenda day has passed', () => {
    const now = zonedInstant('2027-03-08', '12:00');
    const reqs = agendaRequests(wp, three, now);
    expect(reqs.map((r) => [r.key, r.dueAt.toISOString()])).toEqual([
      ['medyear:w:agenda:med:2027-03-10', now.toISOString()],
      ['medyear:w:agenda:med:2027-06-16', zonedInstant('2027-06-11', '09:00').toISOString()],
      ['medyear:w:agenda:med:2027-11-10', zonedInstant('2027-11-05', '09:00').toISOString()],
    ]);
    // The TRIO meeting has no TRIO channel here: no row.
    expect(reqs.every((r) => r.target.kind === 'channel' && r.target.conversationId === 'med-chan')).toBe(true);
  });
});

describe('the APV cycle', () => {
  it('three years from the kortlægning, the reminder a quarter before', () => {
    expect(formatDanishDate(apvDeadline('2026-12-01'))).toBe('1. december 2029');
    expect(formatDanishDate(apvReminderDay('2026-12-01'))).toBe('1. september 2029');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2027-11-30', -3)).toBe('2027-08-30');
  });

  it('states over time: ok, due soon from the reminder day, overdue after the deadline', () => {
    const apv = withSurvey(EMPTY_APV, '2026-12-01');
    expect(apvState(EMPTY_APV, '2027-01-01')).toBe('none');
    expect(apvState(apv, '2029-08-31')).toBe('ok');
    expect(apvState(apv, '2029-09-01')).toBe('dueSoon');
    expect(apvState(apv, '2029-12-01')).toBe('dueSoon');
    expect(apvState(apv, '2029-12-02')).toBe('overdue');
  });

  it('the steps in order; done twice is done once', () => {
    let apv = withSurvey(EMPTY_APV, '2026-12-01');
    expect(nextApvStep(apv)).toBe('analyse');
    apv = withStep(apv, 'analyse', '2027-01-10');
    const again = withStep(apv, 'analyse', '2027-02-10');
    expect(again).toBe(apv);
    expect(apv.steps.analyse).toBe('2027-01-10');
    expect(nextApvStep(apv)).toBe('prioritering');
  });

  it('a major change restarts the cycle: steps gone, a new APV required, reminders every 30 days; a new kortlægning ends it', () => {
    const first = withStep(withSurvey(EMPTY_APV, '2026-12-01'), 'analyse', '2027-01-10');
    const changed = withMajorChange(first, '2027-05-03', 'Sammenlægning');
    expect(changed.steps).toEqual({});
    expect(apvState(changed, '2027-05-04')).toBe('newRequired');
    expect(apvReminderDue(changed)).toBe('2027-06-02');
    expect(changed.history[0]).toEqual({ surveyedOn: '2026-12-01', endedOn: '2027-05-03', why: 'majorChange' });
    const renewed = withSurvey(changed, '2027-09-01');
    expect(renewed.majorChange).toBeUndefined();
    expect(apvState(renewed, '2027-09-02')).toBe('ok');
    expect(apvReminderDue(renewed)).toBe('2030-06-01');
    expect(renewed.rev).toBe(first.rev + 2);
  });

  it('the reminder row carries the cycle revision, so any change makes an older row render nothing', () => {
    const wp: Workplace = { id: 'w', name: 'W', createdAt: '', createdBy: '', settings: {}, trio: { conversationId: 'trio-chan', teamId: 't' } };
    const req = apvRequest(wp, withSurvey(EMPTY_APV, '2026-12-01'), zonedInstant('2027-01-01', '09:00'))!;
    expect(req.key).toBe('medyear:w:apv:1:2029-09-01');
    expect(req.target).toEqual({ kind: 'channel', conversationId: 'trio-chan' });
    expect(apvRequest(wp, EMPTY_APV, new Date())).toBeUndefined();
  });
});

describe('needs from the udviklingsplaner', () => {
  const themes = t.needThemes;
  it('counts plans per theme once, hides counts under 3, and keeps nothing of who', () => {
    const r = aggregateNeeds(['Konflikthåndtering, konflikter', 'konflikthåndtering', 'De-eskalering', 'medicin', 'Medicinhåndtering', 'intet særligt'], themes);
    expect(r.shown).toEqual([{ label: 'konflikthåndtering', count: 3 }]);
    expect(r.hidden).toBe(1);
    expect(r.plans).toBe(6);
    expect(t.kup.need(r.shown[0]!.count, r.shown[0]!.label)).toBe('3 udviklingsplaner nævner konflikthåndtering');
  });

  it('two plans only: nothing is shown', () => {
    expect(aggregateNeeds(['konflikt', 'konflikt'], themes).shown).toEqual([]);
  });
});

describe('the årshjul form', () => {
  it('reads meetings and placements, and says in Danish what to fix', () => {
    const placements = Object.fromEntries(Object.keys(DEFAULT_PLACEMENTS).map((k) => [`p_${k}`, '1']));
    const ok = parseWheelForm({ date0: '2027-03-10', time0: '13:00', date1: '2027-06-16', ...placements }, 'med');
    expect(ok).toEqual({ ok: true, meetings: [med('2027-03-10'), med('2027-06-16')], placements: Object.fromEntries(Object.keys(DEFAULT_PLACEMENTS).map((k) => [k, 1])) });
    const bad = parseWheelForm({ date0: '10/3', time1: '13:00', date2: '2027-03-10', time2: '25:00', ...placements }, 'med');
    expect(bad).toEqual({ ok: false, errors: ['Møde 1: dato: skriv en dato som 2027-03-10', 'Møde 2: dato: skriv også en dato', 'Møde 3: klokkeslæt: skriv et klokkeslæt som 13:00'] });
    expect(parseWheelForm({ date0: '2027-03-10', date1: '2027-03-10' }, 'trio')).toEqual({ ok: false, errors: ['Møde 2: dato: to møder på samme dato'] });
  });
});
