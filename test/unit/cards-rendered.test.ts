import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CARDS_DIR, markdownSafe, messageSummary, noticeCard } from '../../src/core/cards.js';
import type { CardJson } from '../../src/core/types.js';
import * as i18nAbout from '../../src/i18n/about.js';
import * as i18nActions from '../../src/i18n/actions.js';
import * as i18nDa from '../../src/i18n/da.js';
import * as i18nMedyear from '../../src/i18n/medyear.js';
import * as i18nMus from '../../src/i18n/mus.js';
import * as i18nPulse from '../../src/i18n/pulse.js';
import * as i18nReminders from '../../src/i18n/reminders.js';
import * as i18nSetup from '../../src/i18n/setup.js';
import * as i18nSicknessCards from '../../src/i18n/sickness-cards.js';
import * as i18nSickness from '../../src/i18n/sickness.js';
import * as i18nViolence from '../../src/i18n/violence.js';
import { cardSamples, type CardSample } from '../../src/tools/card-samples.js';
import { mountedApp } from '../support/app-mount.js';
import { renderCardDom, squash, teamsHostConfig } from '../support/card-render.js';
import { validateCard } from '../support/card-validator.js';

/**
 * Every card as a person sees it (issue 12, issue 21 point 8 and 9): each template built
 * by its feature with realistic data (src/tools/card-samples.ts), rendered by the
 * official `adaptivecards` renderer with markdown in jsdom, with the Agents Playground's
 * (Teams' light theme) host config.
 */
type Json = Record<string, unknown>;
const samples = cardSamples();
const { router } = mountedApp();
const byName = samples.map((s) => [s.name, s] as [string, CardSample]);
const cardOf = (s: CardSample): CardJson => s.message.card!;

/** Every object in a card, with the nearest container style around it. */
function nodes(card: unknown): { node: Json; style: string }[] {
  const out: { node: Json; style: string }[] = [];
  const walk = (n: unknown, style: string): void => {
    if (Array.isArray(n)) return n.forEach((x) => walk(x, style));
    if (!n || typeof n !== 'object') return;
    const o = n as Json;
    const own = typeof o.style === 'string' && ['Container', 'Column', 'ColumnSet', 'TableCell'].includes(String(o.type)) ? o.style : style;
    out.push({ node: o, style: own });
    for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v, k === 'card' ? 'emphasis' : own);
  };
  walk(card, 'default');
  return out;
}

describe('card samples', () => {
  it('cover every template in cards/', () => {
    const templates = readdirSync(fileURLToPath(new URL(CARDS_DIR, import.meta.url))).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
    expect([...new Set(samples.map((s) => s.template))].sort()).toEqual(templates);
    expect(new Set(samples.map((s) => s.name)).size).toBe(samples.length);
  });
});

describe.each(byName)('%s', (_name, sample) => {
  const card = cardOf(sample);
  const rendered = renderCardDom(card);

  it('is a valid Adaptive Card with every binding filled', () => {
    const problems = validateCard(card).filter((p) => !p.includes('"Chart.Line"'));
    expect(problems).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('draws no text as a list unless it was written as one', () => {
    const meant = nodes(card).some(({ node }) => node.type === 'TextBlock' && /^[ \t]{0,3}[-*+] /m.test(String(node.text ?? '')));
    expect(rendered.lists.filter((l) => l.tag === 'ol')).toEqual([]);
    if (!meant) expect(rendered.lists).toEqual([]);
  });

  it('keeps every "<word>" it shows', () => {
    for (const { node } of nodes(card)) {
      if (node.type !== 'TextBlock') continue;
      for (const m of squash(String(node.text ?? '')).matchAll(/<[^<>\s][^<>]*>/g)) expect(rendered.text).toContain(m[0]);
    }
  });

  it('labels every input, and marks a required one once (the client adds the *)', () => {
    expect(rendered.unlabelled).toEqual([]);
    for (const label of rendered.labels) {
      expect(label.text, label.id).not.toMatch(/\*\s*\*/);
      expect((label.text.match(/\*/g) ?? []).length, label.id).toBeLessThanOrEqual(1);
    }
  });

  it('has only buttons the router knows and that work where the card is shown', () => {
    for (const { node } of nodes(card)) {
      if (node.type !== 'Action.Execute' && node.type !== 'Action.Submit') continue;
      const verb = (node.verb ?? (node.data as Json | undefined)?.verb) as string | undefined;
      const def = verb ? router.get(verb) : undefined;
      expect(def, `verb "${verb}" (${String(node.title)})`).toBeDefined();
      expect(def!.scopes, `"${String(node.title)}" (${verb}) on a card shown in ${sample.scope}`).toContain(sample.scope);
    }
    const refresh = (card.refresh as { action?: { verb?: string } } | undefined)?.action?.verb;
    if (refresh) expect(router.get(refresh)?.scopes).toContain(sample.scope);
  });

  it('has a plain-text summary for previews and notifications', () => {
    const summary = messageSummary(sample.message);
    expect(summary).toBeTruthy();
    expect(summary).not.toMatch(/\*\*|\u2060|\]\(/);
    expect(summary!.length).toBeLessThanOrEqual(150);
  });

  it('keeps WCAG AA contrast in Teams\' light theme, and says with words what colour says', () => {
    for (const { node, style } of nodes(card)) {
      if (node.type !== 'TextBlock') continue;
      const ratio = contrastOf(String(node.color ?? 'Default'), node.isSubtle === true, style);
      expect(ratio, `"${String(node.text)}" (${String(node.color ?? 'Default')} on ${style})`).toBeGreaterThanOrEqual(4.5);
      if (node.color && node.color !== 'Default') expect(String(node.text)).toMatch(/[A-Za-zÆØÅæøå]{2}/);
    }
  });

  it('has all text the markdown could misread made safe (renderCard did it)', () => {
    for (const { node } of nodes(card)) {
      const texts = node.type === 'TextBlock' ? [node.text] : node.type === 'FactSet' ? (node.facts as Json[]).flatMap((f) => [f.title, f.value]) : [];
      for (const text of texts) if (typeof text === 'string') expect(markdownSafe(text)).toBe(text);
    }
  });
});

describe('every Danish text of the bot, put on a card', () => {
  const modules = [i18nAbout, i18nActions, i18nDa, i18nMedyear, i18nMus, i18nPulse, i18nReminders, i18nSetup, i18nSicknessCards, i18nSickness, i18nViolence];
  const texts = new Set<string>();
  const seen = new Set<unknown>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') texts.add(v);
    else if (typeof v === 'function') {
      // Called with user text that must survive too ("<navn>") and small numbers; functions that need other types are skipped.
      for (const args of [['<navn>', 'Bostedet Solhøj', '1. december 2026', 'X'], [2, 3, 4, 5]]) {
        try {
          const out = (v as (...a: unknown[]) => unknown)(...args);
          if (typeof out === 'string') texts.add(out);
        } catch {
          /* not a text function for these arguments */
        }
      }
    } else if (v && typeof v === 'object' && !seen.has(v)) {
      seen.add(v);
      Object.values(v).forEach(collect);
    }
  };
  modules.forEach((m) => Object.values(m).forEach(collect));
  const withBrackets = [...texts].filter((s) => /<[^<>\s]+>/.test(s));
  const withDates = [...texts].filter((s) => /^[ \t]{0,3}\d{1,2}\. /m.test(s));

  it('finds the texts this is about', () => {
    expect(texts.size).toBeGreaterThan(500);
    expect(withBrackets.length).toBeGreaterThan(5);
    expect(withBrackets.some((s) => s.includes('<arbejdssted>'))).toBe(true);
    expect(withDates.length).toBeGreaterThan(0);
  });

  it.each(withBrackets.map((s) => [s.slice(0, 60), s]))('"%s…" keeps its <…> on a card', (_short, text) => {
    const shown = renderCardDom(noticeCard(text)).text;
    for (const m of text.matchAll(/<[^<>\s][^<>]*>/g)) expect(shown).toContain(squash(m[0]));
  });

  it.each(withDates.map((s) => [s.slice(0, 60), s]))('"%s…" is not drawn as a list', (_short, text) => {
    expect(renderCardDom(noticeCard(text)).lists.filter((l) => l.tag === 'ol')).toEqual([]);
  });
});

describe('markdownSafe', () => {
  it('keeps dates and ordinals that start a line out of ordered lists, and leaves the words as they are', () => {
    const card = noticeCard('1. december 2026\n2. kvartal 2027 – 3) tredje');
    const r = renderCardDom(card);
    expect(r.lists).toEqual([]);
    expect(r.text).toBe('1. december 2026 2. kvartal 2027 – 3) tredje');
  });

  it('keeps a bullet list that was written as one', () => {
    expect(renderCardDom(noticeCard('Husk:\n\n- at ringe\n- at skrive')).lists).toEqual([{ tag: 'ul', text: 'at ringe at skrive' }]);
  });

  it('keeps "<arbejdssted>" and a closing tag as text, and never touches input values or action data', () => {
    expect(renderCardDom(noticeCard('Skriv opsætning trio <arbejdssted> og </b>')).text).toBe('Skriv opsætning trio <arbejdssted> og </b>');
    const safe = markdownSafe('1. december <x>');
    expect(safe).not.toBe('1. december <x>');
    expect(squash(safe)).toBe('1. december <x>');
  });
});

// ---------------------------------------------------------------- contrast (WCAG 2.x)

function contrastOf(color: string, subtle: boolean, style: string): number {
  const styles = teamsHostConfig().containerStyles;
  const s = styles[style] ?? styles.default!;
  const fg = s.foregroundColors[color.toLowerCase()] ?? s.foregroundColors.default!;
  const bg = rgba(s.backgroundColor);
  const f = blend(rgba(subtle ? fg.subtle : fg.default), bg);
  const [l1, l2] = [luminance(f), luminance(bg)].sort((a, b) => b - a) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** "#RRGGBB" or "#AARRGGBB" (the Adaptive Cards order). */
function rgba(hex: string): [number, number, number, number] {
  const h = hex.replace('#', '');
  const [a, rgb] = h.length === 8 ? [parseInt(h.slice(0, 2), 16) / 255, h.slice(2)] : [1, h];
  return [parseInt(rgb.slice(0, 2), 16), parseInt(rgb.slice(2, 4), 16), parseInt(rgb.slice(4, 6), 16), a];
}

function blend(fg: [number, number, number, number], bg: [number, number, number, number]): [number, number, number, number] {
  const a = fg[3];
  return [fg[0] * a + bg[0] * (1 - a), fg[1] * a + bg[1] * (1 - a), fg[2] * a + bg[2] * (1 - a), 1];
}

function luminance([r, g, b]: [number, number, number, number]): number {
  const c = (v: number) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}
