import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';
import { withOnceKeys } from './once.js';
import type { CardJson, OutMessage } from './types.js';

/** cards/ sits two levels above this file both in src/core and in dist/core. */
export const CARDS_DIR = fileURLToPath(new URL('../../cards/', import.meta.url));

const templates = new Map<string, ACData.Template>();

function template(name: string): ACData.Template {
  let t = templates.get(name);
  if (!t) {
    const json = JSON.parse(readFileSync(`${CARDS_DIR}${name}.json`, 'utf8')) as object;
    t = new ACData.Template(json);
    templates.set(name, t);
  }
  return t;
}

/**
 * Expands cards/<name>.json with data. Templates only bind and repeat; anything that
 * needs a decision is computed by the caller and passed in as data.
 *
 * Every card's text goes through here, so this is where text is made safe for the
 * markdown that Teams applies to card text (`markdownSafe`), where the card gets the
 * plain-text `fallbackText` that previews and notifications can show, and where every
 * button of a writing verb gets its one-time key (src/core/once.ts), so each rendered
 * card can make each change once.
 */
export function renderCard(name: string, data: object): CardJson {
  const card = safeCardText(withOnceKeys(template(name).expand({ $root: data }) as CardJson));
  const summary = cardSummary(card);
  return summary && card.fallbackText === undefined ? { ...card, fallbackText: summary } : card;
}

/** Teams (and every client) shows up to 60 `userIds` a card refreshes itself for. */
export const MAX_REFRESH_USERS = 60;

/**
 * Adds a Universal Actions refresh: when one of `userIds` (Teams user ids, "29:...")
 * looks at the card, Teams asks the bot for the current one, so every copy (an older
 * post, a reminder) shows the current state. Anyone else can refresh by hand.
 */
export function withRefresh(card: CardJson, verb: string, data: object, userIds: readonly string[]): CardJson {
  const ids = [...new Set(userIds.filter(Boolean))].slice(0, MAX_REFRESH_USERS);
  return { ...card, refresh: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, userIds: ids } };
}

export type NoticeStyle = 'default' | 'good' | 'attention' | 'warning';

/**
 * A one-line card used for short confirmations that replace a card in place. The kind
 * is said by an icon in the text, never by colour alone, and the colours are ones that
 * keep WCAG AA contrast in Teams' light theme (its green and yellow do not).
 */
export function noticeCard(text: string, style: NoticeStyle = 'default'): CardJson {
  const { icon, color } = NOTICE[style];
  return renderCard('notice', { text: icon ? `${icon} ${text}` : text, color });
}

const NOTICE: Record<NoticeStyle, { icon: string; color: string }> = {
  default: { icon: '', color: 'Default' },
  good: { icon: '✓', color: 'Default' },
  warning: { icon: '⚠', color: 'Default' },
  attention: { icon: '⚠', color: 'Attention' },
};

// ---------------------------------------------------------------- markdown safety

/** U+2060 WORD JOINER: invisible, and not a letter, so "<\u2060x>" is no HTML tag to any markdown parser. */
const WORD_JOINER = '\u2060';
const NBSP = '\u00a0';

/**
 * Text that Teams' markdown shows as written. Two things are changed, both invisibly:
 * - A line that starts like an ordered list item ("1. december 2026", "2. kvartal
 *   2027", "3) ...") gets a no-break space after the marker instead of a space. A list
 *   marker must be followed by a space or tab, so it stays text, and the date keeps
 *   together as Danish typography wants anyway. Bullet lists ("- ") are left alone:
 *   where they occur they are meant.
 * - "<" followed by a letter, "/", "!" or "?" ("<arbejdssted>") gets a word joiner
 *   after it, so it is never read as an HTML tag and dropped.
 * Backslash escapes are not used: Teams' clients do not all honour them, and a
 * visible "\" is worse than the bug.
 */
export function markdownSafe(text: string): string {
  return text
    .replace(/^([ \t]{0,3}\d{1,9}[.)])[ \t]/gm, `$1${NBSP}`)
    .replace(/<(?=[A-Za-z/!?])/g, `<${WORD_JOINER}`);
}

/**
 * A copy of the card in which the text the renderer reads as markdown is made safe
 * (a copy: bound arrays such as `facts` may be the caller's own objects).
 */
function safeCardText(card: CardJson): CardJson {
  const safe = (v: unknown) => (typeof v === 'string' ? markdownSafe(v) : v);
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      // Action data and input values are what the bot gets back: never touched.
      out[key] = key === 'data' || key === 'value' ? value : visit(value);
    }
    switch (out.type) {
      case 'TextBlock':
        out.text = safe(out.text);
        break;
      case 'FactSet':
        if (Array.isArray(out.facts)) out.facts = (out.facts as Record<string, unknown>[]).map((f) => ({ ...f, title: safe(f.title), value: safe(f.value) }));
        break;
      case 'Input.Toggle':
        out.title = safe(out.title);
        break;
      case 'Input.ChoiceSet':
        if (Array.isArray(out.choices)) out.choices = (out.choices as Record<string, unknown>[]).map((c) => ({ ...c, title: safe(c.title) }));
        break;
    }
    return out;
  };
  return visit(card) as CardJson;
}

// ---------------------------------------------------------------- summaries

const SUMMARY_MAX = 150;

/** Markdown as a person reads it in a notification: no "**", no link syntax, no invisible characters, one line. */
export function plainText(markdown: string): string {
  const text = markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__/g, '')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*)[*_](?=$|[\s).,:;!?])/g, '$1$2')
    .replace(new RegExp(WORD_JOINER, 'g'), '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
  return text.length > SUMMARY_MAX ? `${text.slice(0, SUMMARY_MAX - 1).trimEnd()}…` : text;
}

/** The card's first text (its title) as plain text: what a preview or a notification shows. */
export function cardSummary(card: CardJson): string | undefined {
  let found: string | undefined;
  const visit = (node: unknown): void => {
    if (found !== undefined || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string' && o.text.trim()) {
      found = plainText(o.text);
      return;
    }
    for (const key of ['body', 'items', 'columns']) visit(o[key]);
  };
  visit(card.body);
  return found;
}

/**
 * The plain-text summary of a message for the chat list and notifications (Teams shows
 * "Card" or raw markdown otherwise): the message's own summary, else its text, else its
 * card's title.
 */
export function messageSummary(msg: OutMessage): string | undefined {
  if (msg.summary) return plainText(msg.summary);
  if (msg.text) return plainText(msg.text);
  if (!msg.card) return undefined;
  return typeof msg.card.fallbackText === 'string' ? msg.card.fallbackText : cardSummary(msg.card);
}
