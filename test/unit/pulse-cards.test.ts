import { describe, expect, it } from 'vitest';
import { aggregatePulse, DEFAULT_THRESHOLDS, type PulseAnswer } from '../../src/pulse/aggregate.js';
import { loadDefaultBank, scaleOf } from '../../src/pulse/bank.js';
import { attachCharts, quarterCard, questionCard, resultsCard, settingsCard } from '../../src/pulse/cards.js';
import { decide, type Published } from '../../src/pulse/publish.js';
import { buildQuarter } from '../../src/pulse/quarter.js';
import { buildResults } from '../../src/pulse/results.js';
import { pickItems } from '../../src/pulse/rotation.js';
import { roundTiming } from '../../src/pulse/schedule.js';
import { DEFAULT_PULSE_SETTINGS } from '../../src/pulse/settings.js';
import type { Round } from '../../src/pulse/model.js';
import { addDays } from '../../src/shared/calendar.js';
import { validateCard } from '../support/card-validator.js';
import { textOf } from '../support/fake-turn.js';

const bank = loadDefaultBank();
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function roundOf(date: string, invited = 8, answered = 0): Round {
  const timing = roundTiming({ weekday: 1, time: '09:00' }, date);
  const items = pickItems(bank, timing.weekIndex).map((i) => ({ id: i.id, dimension: i.dimension, reversed: i.reversed, text: i.text, scale: scaleOf(bank, i) }));
  return { ...timing, workplaceId: 'solhoej', items, invited, forumInvited: 0, answered, status: 'closed', fannedOut: true, keyId: 'k' };
}

/**
 * `n` people answering every item of the round with the given normalised score
 * (reversed items turned back), decided against the `earlier` publications.
 */
function publishedOf(round: Round, n: number, score: number, earlier: readonly Published[] = []): Published {
  const answers: PulseAnswer[] = round.items.flatMap((item) =>
    Array.from({ length: n }, () => ({ itemId: item.id, dimension: item.dimension, reversed: item.reversed, score: item.reversed ? 6 - score : score })),
  );
  const r = { ...round, answered: n };
  const result = aggregatePulse({ weekIndex: r.weekIndex, invited: r.invited, answered: n, answers }, bank, DEFAULT_THRESHOLDS);
  return { round: r, publication: decide(r, result, earlier.map((e) => e.publication), DEFAULT_THRESHOLDS) };
}

/** Publishes weeks in order, each against those before it. */
function history(rounds: readonly Round[], n: (i: number) => number, score: (i: number) => number): Published[] {
  const out: Published[] = [];
  rounds.forEach((r, i) => out.push(publishedOf(r, n(i), score(i), out)));
  return out;
}


/** The visible text of a card, one TextBlock or fact per line. */
function texts(card: Json): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Json;
      if (o.type === 'Chart.Line') return walk(o.fallback);
      if (o.type === 'TextBlock') out.push(o.text);
      if (o.title !== undefined && o.value !== undefined && !o.type) out.push(`${o.title}: ${o.value}`);
      Object.entries(o).forEach(([k, v]) => k !== 'fallback' && walk(v));
    }
  };
  walk(card);
  return out.join('\n');
}

const CHART_UNKNOWN = 'UnknownElementType: Unknown element type "Chart.Line". Fallback will be used if present.';

function charts(card: Json): Json[] {
  const out: Json[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if ((n as Json).type === 'Chart.Line') out.push(n as Json);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** A client without charts: every chart replaced by its fallback. */
function withoutCharts(card: Json): Json {
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(walk);
    if (!n || typeof n !== 'object') return n;
    if ((n as Json).type === 'Chart.Line') return walk((n as Json).fallback);
    return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, walk(v)]));
  };
  return walk(card) as Json;
}

/** The validator knows Adaptive Cards 1.5, not Teams charts: only "unknown Chart.Line" may be reported, and only where a fallback exists. */
function expectValidWithCharts(card: Json): void {
  for (const c of charts(card)) expect(c.fallback?.type).toBe('Container');
  expect(validateCard(card).filter((p) => p !== CHART_UNKNOWN)).toEqual([]);
  expect(validateCard(withoutCharts(card))).toEqual([]);
}

describe('question card', () => {
  it('asks three items, a labelled 1-5 scale on each (one tap each), an optional comment and one submit', () => {
    const round = roundOf('2026-11-23');
    const card = questionCard(round, { thresholds: DEFAULT_THRESHOLDS }) as Json;
    expect(validateCard(card)).toEqual([]);
    const inputs = (card.body as Json[]).flatMap((b) => (b.type === 'Container' ? b.items : [b])).filter((b: Json) => b.type?.startsWith('Input.'));
    const choiceSets = inputs.filter((i: Json) => i.type === 'Input.ChoiceSet');
    expect(choiceSets).toHaveLength(3);
    for (const [i, set] of choiceSets.entries()) {
      expect(set).toMatchObject({ id: `q${i + 1}`, style: 'expanded', isRequired: true });
      expect(set.label).toBe(`${i + 1}. ${round.items[i]!.text}`);
      expect(set.choices.map((c: Json) => c.title)).toEqual(['1 – Helt uenig', '2 – Delvis uenig', '3 – Hverken enig eller uenig', '4 – Delvis enig', '5 – Helt enig']);
    }
    expect(inputs.find((i: Json) => i.id === 'comment')).toMatchObject({ type: 'Input.Text', maxLength: 500 });
    expect(card.actions).toEqual([
      expect.objectContaining({ type: 'Action.Execute', verb: 'pulse.answer', data: { verb: 'pulse.answer', workplaceId: 'solhoej', round: '2026-W48', items: round.items.map((i) => i.id) } }),
    ]);
    const text = textOf({ card });
    expect(text).toContain('Ugens trivselspuls, uge 48');
    expect(text).toContain('mindst 5 har svaret');
    expect(text).toContain('Pulsen lukker 30. november 2026 kl. 09.00');
  });

  it('frames the week, says answering is voluntary, who reads comments from how many answers, and promises only what is true', () => {
    const text = textOf({ card: questionCard(roundOf('2026-11-23'), { thresholds: { ...DEFAULT_THRESHOLDS, minComments: 12 } }) });
    expect(text).toContain('Tænk på den seneste uge');
    expect(text).toContain('frivilligt');
    expect(text).toContain('TRIO og MED læser kommentarerne ordret, når mindst 12 har svaret.');
    expect(text).not.toMatch(/føres tilbage|kan ikke spores|100 % anonym/);
  });

  it('says under a question about violence that an episode is registered and reported, and that the pulse is no report', () => {
    const violenceRound = (() => {
      for (let day = 0; day < 7 * 52; day += 7) {
        const date = new Date(Date.UTC(2026, 0, 5 + day)).toISOString().slice(0, 10);
        const round = roundOf(date);
        if (round.items.some((i) => i.dimension === 'vold-og-trusler')) return round;
      }
      throw new Error('no week asks about violence');
    })();
    const card = questionCard(violenceRound, { thresholds: DEFAULT_THRESHOLDS }) as Json;
    expect(validateCard(card)).toEqual([]);
    const containers = (card.body as Json[]).filter((b) => b.type === 'Container');
    violenceRound.items.forEach((item, i) => {
      const notes = (containers[i]!.items as Json[]).filter((e) => e.type === 'TextBlock').map((e) => e.text as string);
      if (item.dimension === 'vold-og-trusler') expect(notes.join(' ')).toMatch(/registrér episode\*\* til mig.*Pulsen er ikke en registrering eller anmeldelse/);
      else expect(notes).toEqual([]);
    });
  });

  it('has a reminder variant', () => {
    expect(textOf({ card: questionCard(roundOf('2026-11-23'), { reminder: true, thresholds: DEFAULT_THRESHOLDS }) })).toContain('Påmindelse: trivselspuls, uge 48');
  });
});

describe('results card', () => {
  // Twelve weeks of history: the current week's dimensions were last asked 4 and 8 weeks ago.
  const weeks = Array.from({ length: 12 }, (_, i) => roundOf(addDays('2026-09-07', 7 * i)));
  const current = weeks.at(-1)!;

  it('shows the response band, the value and change per dimension asked, a 12-week chart with a table fallback', () => {
    const h = history(weeks, () => 6, (i) => (i === 11 ? 2 : 4));
    const view = buildResults(h.at(-1)!, h, [], DEFAULT_THRESHOLDS);
    expect(view.dimensions.map((d) => d.dimension)).toEqual(current.items.map((i) => i.dimension));
    for (const d of view.dimensions) {
      expect(d).toMatchObject({ shown: { kind: 'value', value: 2 }, change: -2, flags: { low: true, fell: true } });
      expect(d.series).toHaveLength(12);
    }
    const card = resultsCard(view, 'Bostedet Solhøj') as Json;
    expectValidWithCharts(card);
    const [chart] = charts(card);
    expect(chart).toMatchObject({ type: 'Chart.Line', yMin: 1, yMax: 5 });
    expect(chart!.data[0].values).toEqual([
      { x: 'uge 40', y: 4 },
      { x: 'uge 44', y: 4 },
      { x: 'uge 48', y: 2 },
    ]);
    const text = texts(card);
    expect(text).toContain('Trivselspuls uge 48, Bostedet Solhøj');
    expect(text).toContain('De fleste har svaret.'); // 6 of 8
    expect(text).not.toMatch(/\b6 af 8\b|75 %/);
    expect(text).toContain('**2,0** af 5');
    expect(text).toContain('▼ −2,0 i forhold til de foregående 4 uger.');
    expect(text).toContain('Lav score og faldet markant');
    expect(text).toMatch(/Uge\nGennemsnit\nuge 40\n4,0\nuge 44\n4,0\nuge 48\n2,0/);
    expect(text).toContain('Kommentarer vises først, når mindst 10 har svaret.');
    const buttons = JSON.stringify(card).match(/"verb":"actions.newForm"/g) ?? [];
    expect(buttons.length).toBe(6); // action + its data, for each of the 3 dimensions
    expect(JSON.stringify(card)).toContain(`"data":{"verb":"actions.newForm","workplaceId":"solhoej","tema":"Trivsel","emne":"${view.dimensions[0]!.name}","kilde":"trivselspuls"}`);
  });

  it('values, chart points and changes are multiples of 0.5', () => {
    // 7 people: one gives 3, six give 4 → 3.86 → 4,0; six weeks later 3.43 → 3,5.
    const h = weeks.map((r) => publishedOf(r, 7, 4));
    const odd = (p: Published, mean: number): Published => ({ ...p, publication: { ...p.publication, dimensions: Object.fromEntries(Object.keys(p.publication.dimensions).map((d) => [d, { kind: 'value', value: mean }])) } });
    h[7] = odd(h[7]!, 3.5);
    h[11] = odd(h[11]!, 3.5);
    const view = buildResults(h[11]!, h, [], DEFAULT_THRESHOLDS);
    const card = resultsCard(view, 'Solhøj') as Json;
    for (const c of charts(card)) for (const v of c.data[0].values as { y: number }[]) expect(v.y * 2).toBe(Math.round(v.y * 2));
    for (const d of view.dimensions) expect(((d.change ?? 0) * 2) % 1).toBe(0);
    expect(texts(card)).not.toMatch(/\d,[1-46-9]\b/);
  });

  it('a steady good score has no flags and no "Opret handling"', () => {
    const h = weeks.map((r) => publishedOf(r, 6, 4));
    const card = resultsCard(buildResults(h.at(-1)!, h, [], DEFAULT_THRESHOLDS), 'Solhøj') as Json;
    expect(JSON.stringify(card)).not.toContain('actions.newForm');
    expect(textOf({ card })).toContain('Uændret i forhold til de foregående 4 uger.');
  });

  it('hides a dimension whose count is 1-4 away from an earlier week of it, without saying why', () => {
    const h = history(weeks, (i) => (i === 11 ? 7 : 6), () => 4); // the week 4 and 8 weeks before had 6
    const view = buildResults(h.at(-1)!, h, [], DEFAULT_THRESHOLDS);
    expect(view.dimensions.every((d) => d.shown.kind === 'hidden' && d.change === undefined)).toBe(true);
    const card = resultsCard(view, 'Solhøj') as Json;
    expectValidWithCharts(card);
    const text = texts(card);
    expect(text).toContain('Vises ikke denne uge, så ingen kan regne en enkelt persons svar ud.');
    expect(text).not.toContain('**');
    // The earlier weeks are still on the trend (they were published), this week is not.
    expect(charts(card)[0]!.data[0].values).toEqual([{ x: 'uge 40', y: 4 }, { x: 'uge 44', y: 4 }]);
  });

  it('with fewer answers than the threshold, or too few outside TRIO, shows nothing but the response band', () => {
    for (const [n, forum] of [[4, 0], [7, 3]] as const) {
      const h = weeks.map((r, i) => publishedOf({ ...r, forumInvited: i === 11 ? forum : 0 }, i === 11 ? n : 6, 3));
      const view = buildResults(h.at(-1)!, h, [], DEFAULT_THRESHOLDS);
      expect(view).toMatchObject({ tooFew: true, dimensions: [], comments: [] });
      const card = resultsCard(view, 'Solhøj') as Json;
      expect(validateCard(card)).toEqual([]);
      expect(charts(card)).toEqual([]);
      const text = textOf({ card });
      expect(text).toContain(n === 4 ? 'Omkring halvdelen har svaret.' : 'De fleste har svaret.');
      expect(text).toContain('For få svar til at vise resultater: der skal mindst 5 svar ud over TRIO\'s egne.');
      expect(text).not.toMatch(/af 5\b/);
    }
  });

  it('shows comments alphabetically from 10 answers, and a raised threshold hides them again', () => {
    const big = roundOf('2026-11-30', 14);
    const p = publishedOf(big, 10, 4);
    const card = resultsCard(buildResults(p, [p], ['Travl uge', 'God stemning'], DEFAULT_THRESHOLDS), 'Solhøj') as Json;
    expectValidWithCharts(card);
    expect(texts(card)).toMatch(/Kommentarer\nGod stemning\nTravl uge/);
    const raised = buildResults(p, [p], ['Travl uge'], { minScores: 5, minComments: 12 });
    expect(raised.comments).toEqual([]);
    expect(textOf({ card: resultsCard(raised, 'Solhøj') })).toContain('Kommentarer vises først, når mindst 12 har svaret.');
  });

  it('attachCharts leaves elements without a chart alone', () => {
    const card = { type: 'AdaptiveCard', body: [{ type: 'Container', id: 'x', items: [] }] };
    expect(attachCharts(card, new Map())).toEqual(card);
  });
});

describe('quarter and settings cards', () => {
  it('summarises a quarter for MED from published values only', () => {
    const q4 = Array.from({ length: 8 }, (_, i) => roundOf(addDays('2026-10-05', 7 * i)));
    const q3 = Array.from({ length: 4 }, (_, i) => roundOf(addDays('2026-09-07', 7 * i)));
    const before = q3.map((r) => publishedOf(r, 6, 3));
    const inQuarter = history(q4, (i) => (i === 0 ? 3 : 6), () => 4);
    const view = buildQuarter(inQuarter, before, DEFAULT_THRESHOLDS);
    expect(view.rounds).toBe(8);
    expect(view.band).toBe('most'); // (3 + 7 × 6) / 64 = 70 %
    const first = view.dimensions.find((d) => d.dimension === q4[0]!.items[0]!.dimension)!;
    expect(first).toMatchObject({ value: 4, change: 1 }); // week 1 (3 answers) was not published and is left out
    const card = quarterCard(view, '4. kvartal 2026', 'Bostedet Solhøj') as Json;
    expect(validateCard(card)).toEqual([]);
    const text = textOf({ card });
    expect(text).toContain('4,0 af 5 (▲ +1,0 mod kvartalet før)');
    expect(text).toContain('8 pulser i kvartalet. De fleste har svaret.');
  });

  it('the settings form is a valid card with the current values', () => {
    const card = settingsCard({ id: 'solhoej', name: 'Bostedet Solhøj' }, { ...DEFAULT_PULSE_SETTINGS, weekday: 7, time: '22:00' }) as Json;
    expect(validateCard(card)).toEqual([]);
    const inputs = Object.fromEntries((card.body as Json[]).filter((b) => b.id).map((b) => [b.id, b.value]));
    expect(inputs).toEqual({ enabled: 'true', weekday: '7', time: '22:00', minScores: 5, minComments: 10 });
  });
});
