import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/core/access.js';
import type { Where } from '../../src/core/types.js';
import type { ActionItem } from '../../src/actions/model.js';
import { reminderPlan } from '../../src/actions/jobs.js';
import {
  applyFilter,
  compareOpen,
  digestFingerprint,
  digestOf,
  isOverdue,
  mayChange,
  mayCreate,
  mayRead,
  pageOf,
  parseFilter,
  shortEmne,
  type ActionSummary,
} from '../../src/actions/rules.js';

const TODAY = '2026-11-24'; // Tuesday, uge 48

function summary(number: number, end: string, over: Partial<ActionSummary> = {}): ActionSummary {
  return {
    workplaceId: 'solhoej',
    number,
    tema: 'Organisation og ledelse, kriterium 9',
    emne: 'Sygefravær',
    owner: { id: 'u-sofie', name: 'Sofie Social' },
    end,
    status: 'open',
    ...over,
  };
}

function action(over: Partial<ActionItem> = {}): ActionItem {
  return {
    ...summary(12, '2027-03-31'),
    start: '2026-01-01',
    maal: 'Mål',
    hvad: 'Hvad',
    startLabel: '1. kvartal 2027',
    endLabel: '1. kvartal 2027',
    dokumentation: '',
    effekt: '',
    source: 'tilsynsrapport',
    createdAt: '2026-11-24T09:00:00.000Z',
    createdBy: 'u-tobias',
    createdByName: 'Tobias Tillid',
    updatedAt: '2026-11-24T09:00:00.000Z',
    ...over,
  } as ActionItem;
}

const member = (workplaceId: string, ...roles: ('leder' | 'TR' | 'AMR' | 'medarbejder')[]) => ({ workplaceId, workplaceName: workplaceId, roles });
function principal(userId: string, memberships: Principal['memberships'], channel?: string): Principal {
  return { userId, name: userId, memberships, bootstrapLeader: false, ...(channel ? { channel: { workplaceId: channel, workplaceName: channel, forum: 'trio' as const } } : {}) };
}
const channel: Where = { scope: 'channel', conversationId: '19:trio' };
const personal: Where = { scope: 'personal', conversationId: 'a:1' };

describe('overdue and sorting', () => {
  it('is overdue only after the end day, and only while open or started', () => {
    expect(isOverdue(summary(1, '2026-11-23'), TODAY)).toBe(true);
    expect(isOverdue(summary(1, '2026-11-24'), TODAY)).toBe(false);
    expect(isOverdue(summary(1, '2026-11-23', { status: 'started' }), TODAY)).toBe(true);
    expect(isOverdue(summary(1, '2026-11-23', { status: 'done' }), TODAY)).toBe(false);
    expect(isOverdue(summary(1, '2026-11-23', { status: 'cancelled' }), TODAY)).toBe(false);
  });

  it('puts overdue first, then by end date, then by number', () => {
    const list = [
      summary(1, '2027-06-30'),
      summary(2, '2026-12-01'),
      summary(3, '2026-10-01'),
      summary(4, '2026-11-20', { status: 'started' }),
      summary(5, '2026-12-01'),
      summary(6, '2026-11-24'),
    ];
    expect(list.sort(compareOpen(TODAY)).map((a) => a.number)).toEqual([3, 4, 6, 2, 5, 1]);
  });
});

describe('filters and paging', () => {
  it('shortens a long Emne at a word for the list', () => {
    expect(shortEmne('  Kort\n emne ')).toBe('Kort emne');
    const long = 'Henstilling om at tilbuddets ledelse iværksætter tiltag, der kan nedbringe høj grad af personalegennemstrømning og sygefravær blandt medarbejderne på alle afdelinger';
    const short = shortEmne(long);
    expect(short.length).toBeLessThanOrEqual(140);
    expect(short).toMatch(/ sygefravær…$|[a-zæøå]…$/);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
  });

  it('reads mine, forsinkede and a tema in any order', () => {
    expect(parseFilter('')).toEqual({ mine: false, overdue: false, tema: '' });
    expect(parseFilter('mine')).toEqual({ mine: true, overdue: false, tema: '' });
    expect(parseFilter('Forsinkede mine')).toEqual({ mine: true, overdue: true, tema: '' });
    expect(parseFilter('overdue')).toMatchObject({ overdue: true });
    expect(parseFilter('tema: Organisation og ledelse')).toEqual({ mine: false, overdue: false, tema: 'Organisation og ledelse' });
    expect(parseFilter('forsinkede arbejdsmiljø')).toEqual({ mine: false, overdue: true, tema: 'arbejdsmiljø' });
  });

  it('filters by owner, lateness and tema (case-insensitive), never showing closed actions', () => {
    const list = [
      summary(1, '2026-11-01'),
      summary(2, '2027-01-01', { owner: { id: 'u-mads', name: 'Mads' } }),
      summary(3, '2026-11-01', { tema: 'Fysisk arbejdsmiljø' }),
      summary(4, '2026-11-01', { status: 'done' }),
    ];
    const ids = (f: Partial<ReturnType<typeof parseFilter>>) =>
      applyFilter(list, { mine: false, overdue: false, tema: '', ...f }, 'u-sofie', TODAY).map((a) => a.number);
    expect(ids({})).toEqual([1, 2, 3]);
    expect(ids({ mine: true })).toEqual([1, 3]);
    expect(ids({ overdue: true })).toEqual([1, 3]);
    expect(ids({ tema: 'ARBEJDSMILJØ' })).toEqual([3]);
    expect(ids({ mine: true, overdue: true, tema: 'organisation' })).toEqual([1]);
  });

  it('pages ten at a time and clamps the page number', () => {
    const list = Array.from({ length: 23 }, (_, i) => i + 1);
    expect(pageOf(list, 1)).toMatchObject({ page: 1, pages: 3, items: list.slice(0, 10) });
    expect(pageOf(list, 3).items).toEqual([21, 22, 23]);
    expect(pageOf(list, 99).page).toBe(3);
    expect(pageOf(list, 0).page).toBe(1);
    expect(pageOf([], 1)).toEqual({ items: [], page: 1, pages: 1 });
  });
});

describe('permissions', () => {
  const a = action({ owner: { id: 'u-sofie', name: 'Sofie Social' } });

  it('lets leaders, TR and AMR of the workplace change any action', () => {
    for (const role of ['leder', 'TR', 'AMR'] as const) {
      expect(mayChange(principal('u-x', [member('solhoej', role)]), a)).toBe(true);
      expect(mayCreate(principal('u-x', [member('solhoej', role)]), 'solhoej')).toBe(true);
    }
  });

  it('lets the owner change their own action, but not create or change others', () => {
    const sofie = principal('u-sofie', [member('solhoej', 'medarbejder')]);
    expect(mayChange(sofie, a)).toBe(true);
    expect(mayChange(sofie, action({ owner: { id: 'u-mads', name: 'Mads' } }))).toBe(false);
    expect(mayCreate(sofie, 'solhoej')).toBe(false);
  });

  it('refuses staff, group-owned actions for staff, and roles held in another workplace', () => {
    expect(mayChange(principal('u-mads', [member('solhoej', 'medarbejder')]), a)).toBe(false);
    expect(mayChange(principal('u-mads', [member('solhoej', 'medarbejder')]), action({ owner: { name: 'afdelingsledelse' } }))).toBe(false);
    expect(mayChange(principal('u-boss', [member('fjord', 'leder')]), a)).toBe(false);
    expect(mayCreate(principal('u-boss', [member('fjord', 'leder')]), 'solhoej')).toBe(false);
  });

  it('compares owner ids case-insensitively (Teams may send upper-case AAD ids)', () => {
    expect(mayChange(principal('U-SOFIE', [member('solhoej', 'medarbejder')]), a)).toBe(true);
  });

  it('lets everyone in the workplace channel read, and members read elsewhere', () => {
    expect(mayRead(principal('u-guest', [], 'solhoej'), channel, 'solhoej')).toBe(true);
    expect(mayRead(principal('u-guest', [], 'solhoej'), channel, 'fjord')).toBe(false);
    expect(mayRead(principal('u-sofie', [member('solhoej', 'medarbejder')]), personal, 'solhoej')).toBe(true);
    expect(mayRead(principal('u-sofie', [member('solhoej', 'medarbejder')]), personal, 'fjord')).toBe(false);
  });
});

describe('Monday digest', () => {
  const monday = new Date('2026-11-30T07:00:00Z'); // Monday 08:00 in Copenhagen, uge 49
  const list = [
    summary(1, '2026-11-20'), // overdue
    summary(2, '2026-12-03'), // due this week
    summary(3, '2027-01-15'), // later
    summary(4, '2026-11-10', { status: 'done', closedAt: '2026-11-26T10:00:00Z' }), // completed last week
    summary(5, '2026-11-10', { status: 'done', closedAt: '2026-11-16T10:00:00Z' }), // two weeks ago
    summary(6, '2026-11-10', { status: 'cancelled', closedAt: '2026-11-26T10:00:00Z' }),
  ];

  it('counts open, due this week, overdue and completed last week', () => {
    const d = digestOf(list, monday);
    expect(d.open).toBe(3);
    expect(d.overdue.map((a) => a.number)).toEqual([1]);
    expect(d.dueThisWeek.map((a) => a.number)).toEqual([2]);
    expect(d.completedLastWeek.map((a) => a.number)).toEqual([4]);
  });

  it('has the same fingerprint when nothing changed, and another when something did', () => {
    const same = digestFingerprint(digestOf(list, monday), list);
    expect(digestFingerprint(digestOf([...list], monday), [...list])).toBe(same);
    const moved = list.map((a) => (a.number === 3 ? { ...a, owner: { id: 'u-mads', name: 'Mads' } } : a));
    expect(digestFingerprint(digestOf(moved, monday), moved)).not.toBe(same);
  });
});

describe('reminder plan', () => {
  const now = new Date('2026-11-24T10:00:00Z');

  it('plans 7 days and 1 day before the end at 09:00 Copenhagen time, then the first overdue reminder', () => {
    const plan = reminderPlan(action({ end: '2026-12-10' }), now);
    expect(plan.map((r) => [r.key, r.kind, r.dueAt.toISOString()])).toEqual([
      ['actions:solhoej:H-12:due-7d', 'actions.due', '2026-12-03T08:00:00.000Z'],
      ['actions:solhoej:H-12:due-1d', 'actions.due', '2026-12-09T08:00:00.000Z'],
      ['actions:solhoej:H-12:overdue-2026-12-11', 'actions.overdue', '2026-12-11T08:00:00.000Z'],
    ]);
    expect(plan[0]?.target).toEqual({ kind: 'user', aadObjectId: 'u-sofie' });
  });

  it('skips reminders whose time has passed and plans an overdue action from now', () => {
    expect(reminderPlan(action({ end: '2026-11-28' }), now).map((r) => r.key)).toEqual(['actions:solhoej:H-12:due-1d', 'actions:solhoej:H-12:overdue-2026-11-29']);
    const late = reminderPlan(action({ end: '2026-11-01' }), now);
    expect(late.map((r) => [r.key, r.dueAt.toISOString()])).toEqual([['actions:solhoej:H-12:overdue-2026-11-24', now.toISOString()]]);
  });

  it('moves a reminder that would fall on a weekend or holiday to the working day before', () => {
    // End Monday 30 November: one day before is a Sunday, so Friday 27 November.
    expect(reminderPlan(action({ end: '2026-11-30' }), now).map((r) => r.key.split(':')[3] + ' ' + r.dueAt.toISOString())).toEqual([
      'due-1d 2026-11-27T08:00:00.000Z',
      'overdue-2026-12-01 2026-12-01T08:00:00.000Z',
    ]);
    // End Friday 2 April 2027: seven days before is Langfredag (26 March 2027) and the day
    // before it Skærtorsdag, so Wednesday 24 March; one day before is an ordinary Thursday (summer time).
    expect(reminderPlan(action({ end: '2027-04-02' }), now).slice(0, 2).map((r) => r.dueAt.toISOString())).toEqual([
      '2027-03-24T08:00:00.000Z',
      '2027-04-01T07:00:00.000Z',
    ]);
  });

  it('plans nothing for closed actions or group owners', () => {
    expect(reminderPlan(action({ status: 'done' }), now)).toEqual([]);
    // A group that names nobody: the leaders get the reminders (issue 13); with its named person, the person does.
    expect(reminderPlan(action({ owner: { name: 'afdelingsledelse' } }), now)).toEqual([]);
    const toLeaders = reminderPlan(action({ owner: { name: 'afdelingsledelse' }, end: '2026-12-10' }), now, ['u-lone', 'u-karl']);
    expect(toLeaders.map((r) => `${r.key} ${(r.target as { aadObjectId: string }).aadObjectId}`)).toEqual([
      'actions:solhoej:H-12:leader-u-lone:due-7d u-lone',
      'actions:solhoej:H-12:leader-u-lone:due-1d u-lone',
      'actions:solhoej:H-12:leader-u-lone:overdue-2026-12-11 u-lone',
      'actions:solhoej:H-12:leader-u-karl:due-7d u-karl',
      'actions:solhoej:H-12:leader-u-karl:due-1d u-karl',
      'actions:solhoej:H-12:leader-u-karl:overdue-2026-12-11 u-karl',
    ]);
    const named = reminderPlan(action({ owner: { id: 'u-sofie', name: 'afdelingsledelse (Sofie Social)' }, end: '2026-12-10' }), now, ['u-lone']);
    expect(named.map((r) => (r.target as { aadObjectId: string }).aadObjectId)).toEqual(['u-sofie', 'u-sofie', 'u-sofie']);
  });
});
