/**
 * The pulse's cards: the question card staff answer, the results card for TRIO/MED,
 * the quarterly summary and the settings form. Templates in cards/pulse-*.json bind
 * and repeat; every decision (what is hidden, which flag, which text) is made here.
 */
import { ACTION_VERBS } from '../actions/model.js';
import { renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import { formatDateTime } from '../i18n/da.js';
import { decimal, pulseText as t, responseText, WEEKDAY_NAMES } from '../i18n/pulse.js';
import type { PulseThresholds } from './aggregate.js';
import type { QuarterView } from './quarter.js';
import type { DimensionView, ResultsView } from './results.js';
import type { PulseSettings } from './settings.js';
import { NEW_ACTION_VERB, NOT_APPLICABLE, PULSE_VERBS, type Round } from './model.js';

export interface QuestionCardOptions {
  reminder?: boolean;
  thresholds: PulseThresholds;
  /** Values to put back (re-render after an invalid submit). */
  values?: Record<string, unknown>;
}

/** The card a person answers: one expanded 1-5 choice per question (one tap each), an optional comment, one submit. */
export function questionCard(round: Round, o: QuestionCardOptions): CardJson {
  const value = (key: string): string => (typeof o.values?.[key] === 'string' ? (o.values[key] as string) : '');
  return renderCard('pulse-question', {
    title: o.reminder ? t.card.reminderTitle(round.weekLabel) : t.card.title(round.weekLabel),
    intro: o.reminder ? t.card.reminderIntro : t.card.intro,
    questions: round.items.map((item, i) => ({
      inputId: `q${i + 1}`,
      label: `${i + 1}. ${item.text}`,
      note: item.dimension === 'vold-og-trusler' ? t.card.violenceNote : '',
      errorMessage: t.card.pick(i + 1),
      value: value(`q${i + 1}`),
      choices: [
        ...(['1', '2', '3', '4', '5'] as const).map((v) => ({ title: t.card.choice(v, item.scale[v]), value: v })),
        ...(item.notApplicable ? [{ title: t.card.notApplicable, value: NOT_APPLICABLE }] : []),
      ],
    })),
    commentLabel: t.card.commentLabel,
    commentPlaceholder: t.card.commentPlaceholder,
    commentNote: t.card.commentNote(o.thresholds.minComments),
    comment: value('comment'),
    anonymity: t.card.anonymity(o.thresholds.minScores),
    deadline: t.card.deadline(formatDateTime(round.closesAt)),
    submitTitle: t.card.submit,
    submitData: { verb: PULSE_VERBS.answer, workplaceId: round.workplaceId, round: round.id, items: round.items.map((i) => i.id) },
  });
}

// ---------------------------------------------------------------- results

/** A Teams chart element (not part of Adaptive Cards 1.5, so it is added in code) with the table as fallback. */
export interface LineChartSpec {
  title: string;
  legend: string;
  points: { x: string; y: number }[];
}

/**
 * Replaces each element whose id has a chart with a `Chart.Line` that falls back to
 * that element: Teams clients that render charts show the chart, others the table.
 */
export function attachCharts(card: CardJson, charts: ReadonlyMap<string, LineChartSpec>): CardJson {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const obj = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)])) as Record<string, unknown>;
    const spec = typeof obj.id === 'string' ? charts.get(obj.id) : undefined;
    if (!spec) return obj;
    return {
      type: 'Chart.Line',
      id: `chart-${obj.id}`,
      title: spec.title,
      xAxisTitle: t.results.trendWeek,
      yAxisTitle: t.results.trendAxis,
      yMin: 1,
      yMax: 5,
      data: [{ legend: spec.legend, values: spec.points }],
      fallback: obj,
    };
  };
  return walk(card) as CardJson;
}

function flagText(d: DimensionView): string {
  if (d.flags.low && d.flags.fell) return t.results.flagBoth;
  return d.flags.low ? t.results.flagLow : t.results.flagFell;
}

/**
 * The results card. Every number on it is a published value (to the nearest 0.5) or
 * computed from published values (results.ts); the response rate is a band; the
 * "Opret handling" data carries names only, no number.
 */
export function resultsCard(v: ResultsView, workplaceName: string): CardJson {
  const charts = new Map<string, LineChartSpec>();
  const dimensions = v.dimensions.map((d) => {
    const points = d.series.flatMap((p) => (p.value === undefined ? [] : [{ label: p.weekLabel, value: decimal(p.value), y: p.value }]));
    const trendId = `trend-${d.dimension}`;
    if (points.length > 0) charts.set(trendId, { title: t.results.trendTitle(d.name), legend: d.name, points: points.map((p) => ({ x: p.label, y: p.y })) });
    const flagged = d.flags.low || d.flags.fell;
    const shown = d.shown;
    return {
      name: d.name,
      scoreText: shown.kind === 'value' ? t.results.score(shown.value) : '–',
      showNote: shown.kind !== 'value',
      noteText: t.results.dimensionHidden,
      showChange: shown.kind === 'value',
      changeText: t.results.change(d.change),
      flagged,
      flagText: flagged ? flagText(d) : '',
      showTrend: points.length > 0,
      trendId,
      trendTitle: t.results.trendTitle(d.name),
      points: points.map(({ label, value }) => ({ label, value })),
      actionData: { verb: NEW_ACTION_VERB, workplaceId: v.workplaceId, tema: t.action.tema, emne: d.name, kilde: 'trivselspuls' },
    };
  });
  const commentsNote = v.tooFew ? '' : !v.commentsShown ? t.results.commentsHidden(v.thresholds.minComments) : v.comments.length === 0 ? t.results.commentsNone : '';
  const card = renderCard('pulse-results', {
    title: t.results.title(v.weekLabel, workplaceName),
    responseRate: responseText[v.band],
    tooFew: v.tooFew,
    tooFewText: t.results.tooFew(v.thresholds.minScores),
    dimensions,
    weekHeader: t.results.trendWeek,
    meanHeader: t.results.trendMean,
    createActionTitle: t.results.createAction,
    showComments: v.commentsShown && v.comments.length > 0,
    commentsTitle: t.results.comments,
    comments: v.comments.map((text) => ({ text })),
    showCommentsNote: commentsNote !== '',
    commentsNote,
    footer: t.results.footer,
  });
  return attachCharts(card, charts);
}

// ---------------------------------------------------------------- quarter

export function quarterCard(v: QuarterView, label: string, workplaceName: string): CardJson {
  const facts = v.dimensions.map((d) => ({
    title: d.name,
    value: d.value === undefined ? t.quarter.hidden : `${t.quarter.dimension(d.value)} (${t.quarter.change(d.change)})`,
  }));
  return renderCard('pulse-quarter', {
    title: t.quarter.title(label, workplaceName),
    intro: t.quarter.intro,
    pulses: t.quarter.pulses(v.rounds, v.band),
    empty: facts.every((f) => f.value === t.quarter.hidden),
    emptyText: t.quarter.none,
    hasFacts: facts.length > 0,
    facts,
    footer: t.results.footer,
  });
}

// ---------------------------------------------------------------- settings

export function settingsCard(
  workplace: { id: string; name: string },
  values: Record<string, unknown> | PulseSettings,
  errors: string[] = [],
): CardJson {
  const v = values as Record<string, unknown>;
  const str = (x: unknown): string => (x === undefined || x === null ? '' : String(x));
  const num = (x: unknown): number | string => (str(x).trim() !== '' && Number.isFinite(Number(x)) ? Number(x) : '');
  return renderCard('pulse-settings', {
    title: t.settings.title(workplace.name),
    intro: t.settings.intro,
    hasErrors: errors.length > 0,
    errors: errors.join('\n'),
    labels: t.settings,
    messages: { weekday: t.settings.errors.weekday, time: t.settings.errors.time, minScores: t.settings.errors.minScoresFloor, minComments: t.settings.errors.minCommentsFloor },
    v: { enabled: str(v.enabled ?? true), weekday: str(v.weekday), time: str(v.time), minScores: num(v.minScores), minComments: num(v.minComments) },
    weekdays: WEEKDAY_NAMES.map((name, i) => ({ title: name.charAt(0).toUpperCase() + name.slice(1), value: String(i + 1) })),
    saveTitle: t.settings.save,
    saveData: { verb: PULSE_VERBS.saveSettings, workplaceId: workplace.id, workplaceName: workplace.name },
  });
}
