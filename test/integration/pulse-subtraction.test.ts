/**
 * Issue 22, point 3: subtraction across weeks, from the cards alone. Fourteen weeks of a
 * workplace of 14 (three of them TRIO) through the real dispatcher, store, closing and
 * results jobs, with the weeks of the issue: a colleague on holiday (Hanne, uge 53), a
 * newcomer (Noah, from uge 2), one leaving while one joins (Lars leaves, Julie joins, uge
 * 5), and one on sick leave (Emil, uge 6-8). Everybody answers the same each week (the
 * assumption that makes subtraction work at all).
 *
 * The attacker is TRIO: it keeps every card (results, `trivsel`, the MED quarter, the
 * "Opret handling" data), knows who was at work each week (and assumes they answered)
 * and its own three answers. For every dimension it solves the cards: every assignment of
 * scores to the others that gives exactly what the cards show. The test asserts that
 * every other person keeps at least two possible scores on every dimension; that with
 * the exact means the old cards showed, the same attacker pins Hanne and Noah
 * exactly (so the weeks are a real attack); and that no card carries an exact count, a
 * value finer than 0.5, or a number that does not come from the weekly values.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { CardJson, Role } from '../../src/core/types.js';
import { DIMENSION_NAMES, DIMENSIONS, type DimensionId } from '../../src/pulse/bank.js';
import { pulseFeature } from '../../src/pulse/feature.js';
import { quarterSummaryCard } from '../../src/pulse/jobs.js';
import type { Round } from '../../src/pulse/model.js';
import { PulseService } from '../../src/pulse/service.js';
import { meanOfPublished } from '../../src/pulse/trends.js';
import { fakeTurn } from '../support/fake-turn.js';
import { featureRig } from '../support/feature-rig.js';
import { seedWorkplace } from '../support/seed.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const WP = 'solhoej';
const TRIO = '19:trio@thread.tacv2';
const MED = '19:med@thread.tacv2';
const FORUM = ['lone', 'tobias', 'amira'] as const;
const CORE = ['mads', 'sofie', 'nadia', 'ida', 'oskar', 'freja'] as const;
const SPECIAL = ['emil', 'hanne', 'lars', 'noah', 'julie'] as const;
type Who = (typeof FORUM)[number] | (typeof CORE)[number] | (typeof SPECIAL)[number];
const ROLE: Partial<Record<Who, Role>> = { lone: 'leder', tobias: 'TR', amira: 'AMR' };
const aad = (who: Who) => `aad-${who}`;

/** Stable answers: each person's normalised score per dimension, the same every week. */
function scoreOf(who: Who, d: DimensionId): number {
  const i = DIMENSIONS.indexOf(d);
  const fixed: Partial<Record<Who, number>> = { hanne: 1, lars: 5, noah: 1, julie: 5, emil: 2 };
  if (fixed[who] !== undefined) return fixed[who]!;
  if ((FORUM as readonly string[]).includes(who)) return 4;
  return 1 + ((CORE.indexOf(who as (typeof CORE)[number]) + i) % 5);
}

/** The weeks (opening Mondays, 09:00 in Copenhagen) and who answers. */
const MONDAYS = Array.from({ length: 14 }, (_, k) => new Date(Date.parse('2026-11-23T08:00:00Z') + k * 7 * 86_400_000));
function respondents(k: number): Who[] {
  const label = weekLabels[k]!;
  const who: Who[] = [...FORUM, ...CORE];
  if (!['uge 6', 'uge 7', 'uge 8'].includes(label)) who.push('emil');
  if (label !== 'uge 53') who.push('hanne');
  if (k <= weekLabels.indexOf('uge 4')) who.push('lars');
  if (k >= weekLabels.indexOf('uge 2')) who.push('noah');
  if (k >= weekLabels.indexOf('uge 5')) who.push('julie');
  return who;
}
const weekLabels = ['uge 48', 'uge 49', 'uge 50', 'uge 51', 'uge 52', 'uge 53', 'uge 1', 'uge 2', 'uge 3', 'uge 4', 'uge 5', 'uge 6', 'uge 7', 'uge 8'];

const clock = new ManualClock('2026-11-23T06:30:00Z');
const rig = featureRig(clock, pulseFeature);
const svc = new PulseService(rig);
const members = (who: readonly Who[]) => who.map((w) => ({ aadObjectId: aad(w), teamsUserId: `29:${w}`, name: w, roles: [ROLE[w] ?? 'medarbejder'] }));

interface Week {
  round: Round;
  who: Who[];
  card: CardJson;
}
const weeks: Week[] = [];
const otherCards: { what: string; card: unknown }[] = [];

/** The visible text of a card in reading order (charts by their fallback). */
function lines(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Json;
      if (o.type === 'Chart.Line') return walk(o.fallback);
      if (o.type === 'TextBlock') out.push(String(o.text));
      if (o.title !== undefined && o.value !== undefined && !o.type) out.push(`${o.title}: ${o.value}`);
      Object.entries(o).forEach(([k, v]) => k !== 'fallback' && walk(v));
    }
  };
  walk(card);
  return out;
}

/** What a results card shows per dimension of its week: the value, or undefined when hidden. */
function shownValues(card: CardJson, round: Round): Map<DimensionId, number | undefined> {
  const text = lines(card);
  const out = new Map<DimensionId, number | undefined>();
  for (const item of round.items) {
    const at = text.indexOf(DIMENSION_NAMES[item.dimension]);
    const m = at >= 0 ? /^\*\*(\d),(\d)\*\* af 5$/.exec(text[at + 1] ?? '') : null;
    out.set(item.dimension, m ? Number(`${m[1]}.${m[2]}`) : undefined);
  }
  return out;
}

/** Every Chart.Line point of a card: dimension name → week label → value. */
function chartPoints(card: unknown): { legend: string; x: string; y: number }[] {
  const out: { legend: string; x: string; y: number }[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Json;
      if (o.type === 'Chart.Line') for (const d of o.data as Json[]) for (const p of d.values as Json[]) out.push({ legend: d.legend, x: p.x, y: p.y });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

async function answer(who: Who, round: Round): Promise<void> {
  const inputs = Object.fromEntries(round.items.map((item, i) => [`q${i + 1}`, String(item.reversed ? 6 - scoreOf(who, item.dimension) : scoreOf(who, item.dimension))]));
  const turn = fakeTurn({ aadObjectId: aad(who), name: who, where: { scope: 'personal', conversationId: `a:${who}` }, now: clock.now() });
  const res = await rig.dispatcher.handleAction(turn, 'pulse.answer', { workplaceId: WP, round: round.id, items: round.items.map((i) => i.id), ...inputs }, { source: 'execute' });
  expect(JSON.stringify(res.card)).toContain('Tak for dit svar');
}

const tick = (at: Date) => rig.recurring('pulse.tick').run(at);

beforeAll(async () => {
  await rig.ready();
  const links = [{ forum: 'trio', conversationId: TRIO, teamId: 'team' }, { forum: 'med', conversationId: MED, teamId: 'team' }] as const;
  await seedWorkplace(rig.workplaces, { id: WP, name: 'Bostedet Solhøj', createdBy: aad('lone'), links }, members([...FORUM, ...CORE, 'emil', 'hanne', 'lars']));
  for (const [k, monday] of MONDAYS.entries()) {
    // Who is on the staff list when the week opens.
    if (weekLabels[k] === 'uge 2') await rig.workplaces.upsertMember({ workplaceId: WP, workplaceName: 'Bostedet Solhøj', ...members(['noah'])[0]! });
    if (weekLabels[k] === 'uge 5') {
      await rig.workplaces.removeMember(WP, aad('lars'));
      await rig.workplaces.upsertMember({ workplaceId: WP, workplaceName: 'Bostedet Solhøj', ...members(['julie'])[0]! });
    }
    await tick(new Date(monday.getTime() + 10 * 60_000)); // closes last week, opens this one
    const round = (await svc.store.rounds(WP)).at(-1)!;
    expect(round.weekLabel).toBe(weekLabels[k]);
    clock.set(new Date(monday.getTime() + 3 * 3_600_000));
    const who = respondents(k);
    for (const w of who) await answer(w, round);
    weeks.push({ round, who, card: {} });
  }
  await tick(new Date(MONDAYS.at(-1)!.getTime() + 7 * 86_400_000 + 10 * 60_000));
  for (const week of weeks) {
    const job = (await rig.engine.get(`pulse:${WP}:${week.round.id}:results`))!;
    week.card = (await rig.handler('pulse.results').render(job, clock.now()))!.card!;
  }
  const trivsel = fakeTurn({ aadObjectId: aad('tobias'), name: 'tobias', where: { scope: 'channel', conversationId: TRIO, teamId: 'team' }, now: clock.now() });
  await rig.dispatcher.handleText(trivsel, 'trivsel');
  // While a round is open, `trivsel` first says so (a line of text), then shows the latest results card.
  for (const reply of trivsel.replies) if (reply.card) otherCards.push({ what: 'trivsel', card: reply.card });
  const workplace = (await rig.workplaces.get(WP))!;
  otherCards.push({ what: 'Q4 2026', card: await quarterSummaryCard(svc, workplace, 2026, 4) });
  otherCards.push({ what: 'Q1 2027', card: await quarterSummaryCard(svc, workplace, 2027, 1) });
}, 180_000);

/**
 * The scores the cards allow for each person outside TRIO, on one dimension: every
 * assignment (the six who always answer are interchangeable, so their sum T stands for
 * them; the five whose presence changes each get a score) that reproduces every week's
 * shown value. `exact` = the week's exact mean instead of the shown value (the old cards).
 */
function feasible(d: DimensionId, exact: boolean): { values: Map<Who, Set<number>>; swaps: Set<string> } {
  const obs = weeks
    .filter((w) => w.round.items.some((i) => i.dimension === d))
    .map((w) => ({ who: w.who, value: exact ? w.who.reduce((s, p) => s + scoreOf(p, d), 0) / w.who.length : shownValues(w.card, w.round).get(d) }))
    .filter((o): o is { who: Who[]; value: number } => o.value !== undefined);
  const out = new Map<Who, Set<number>>([...CORE, ...SPECIAL].map((w) => [w, new Set<number>()]));
  const swaps = new Set<string>();
  const forumSum = (who: Who[]) => who.filter((w) => (FORUM as readonly string[]).includes(w)).reduce((s, w) => s + scoreOf(w, d), 0);
  for (let t = CORE.length; t <= 5 * CORE.length; t++) {
    for (let code = 0; code < 5 ** SPECIAL.length; code++) {
      const x = new Map(SPECIAL.map((w, i) => [w, 1 + (Math.floor(code / 5 ** i) % 5)]));
      const ok = obs.every((o) => {
        const sum = forumSum(o.who) + t + o.who.reduce((s, w) => s + (x.get(w as (typeof SPECIAL)[number]) ?? 0), 0);
        const mean = sum / o.who.length;
        return exact ? Math.abs(mean - o.value) < 1e-9 : Math.round(mean * 2) / 2 === o.value;
      });
      if (!ok) continue;
      for (const w of SPECIAL) out.get(w)!.add(x.get(w)!);
      swaps.add(`${x.get('lars')}:${x.get('julie')}`);
      // One of the six can have any score that leaves the other five a possible sum.
      for (const w of CORE) for (let v = 1; v <= 5; v++) if (t - v >= CORE.length - 1 && t - v <= 5 * (CORE.length - 1)) out.get(w)!.add(v);
    }
  }
  return { values: out, swaps };
}

describe('subtraction across weeks, from the cards alone', () => {
  it('the weeks are a real attack: with exact means and every week shown, the holiday and the newcomer pin Hanne and Noah', () => {
    const pinned = new Set<string>();
    for (const d of DIMENSIONS) for (const [w, values] of feasible(d, true).values) if (values.size === 1) pinned.add(w);
    expect([...pinned].sort()).toEqual(['hanne', 'noah']);
  });

  it('no card lets TRIO compute anyone\'s score on any dimension, and the cards still show results', () => {
    let shown = 0;
    for (const d of DIMENSIONS) {
      const f = feasible(d, false);
      for (const [w, values] of f.values) expect(values.size, `${w} on ${d}`).toBeGreaterThanOrEqual(2);
      expect(f.swaps.size, `Lars and Julie on ${d}`).toBeGreaterThan(5);
      shown += weeks.filter((w) => shownValues(w.card, w.round).get(d) !== undefined).length;
    }
    expect(shown).toBe(27); // of 42 week-dimensions (README): the guard hides, it does not blank the pulse
    // The holiday week, the newcomer's first weeks and the week of the swap hide what would differ by one person.
    const hiddenIn = (label: string) => [...shownValues(weeks.find((w) => w.round.weekLabel === label)!.card, weeks.find((w) => w.round.weekLabel === label)!.round).values()].every((v) => v === undefined);
    expect(['uge 53', 'uge 2', 'uge 3', 'uge 5'].map(hiddenIn)).toEqual([true, true, true, true]);
  });

  it('no card has an exact count, a value finer than 0.5, or a chart point that is not a shown weekly value', () => {
    const shownBy = new Map<string, number>(); // "<dimension name>|<week label>" → value shown that week
    for (const w of weeks) for (const [d, v] of shownValues(w.card, w.round)) if (v !== undefined) shownBy.set(`${DIMENSION_NAMES[d]}|${w.round.weekLabel}`, v);
    for (const { what, card } of [...weeks.map((w) => ({ what: w.round.weekLabel, card: w.card as unknown })), ...otherCards]) {
      const text = lines(card).join('\n');
      expect(text, what).not.toMatch(/\b\d+ af \d+ har svaret|\d+ ?%|\bn ?= ?\d/);
      for (const m of text.matchAll(/(\d),(\d)/g)) expect(Number(m[2]) % 5, `${what}: ${m[0]}`).toBe(0);
      for (const p of chartPoints(card)) {
        expect(p.y * 2, what).toBe(Math.round(p.y * 2));
        expect(shownBy.get(`${p.legend}|${p.x}`), `${what}: ${p.legend} ${p.x}`).toBe(p.y);
      }
      // "Opret handling" pre-fills names, never a number.
      for (const m of JSON.stringify(card).matchAll(/"data":(\{"verb":"actions\.newForm"[^}]*\})/g)) {
        const data = JSON.parse(m[1]!) as Record<string, string>;
        expect(Object.keys(data).sort()).toEqual(['emne', 'kilde', 'tema', 'verb', 'workplaceId']);
        expect(`${data.tema}${data.emne}${data.kilde}`).not.toMatch(/\d/);
      }
    }
  });

  it('the MED quarter is the mean of the shown weekly values, nothing more', () => {
    for (const [label, from, to] of [['Q4 2026', 0, 5], ['Q1 2027', 6, 13]] as const) {
      const card = otherCards.find((c) => c.what === label)!.card;
      const facts = new Map(lines(card).filter((l) => /: /.test(l)).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
      for (const d of DIMENSIONS) {
        const values = weeks.slice(from, to + 1).map((w) => shownValues(w.card, w.round).get(d));
        const expected = meanOfPublished(values);
        const fact = facts.get(DIMENSION_NAMES[d]);
        if (fact === undefined) continue;
        expect(fact, `${label} ${d}`).toMatch(expected === undefined ? /^Ikke vist$/ : new RegExp(`^${String(expected.toFixed(1)).replace('.', ',')} af 5`));
      }
    }
  });
});
