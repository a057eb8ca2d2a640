import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';
import { withOnceKeys } from './once.js';
import type { CardJson } from './types.js';

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
 * needs a decision is computed by the caller and passed in as data. Every button gets its
 * one-time key here (src/core/once.ts), so each rendered card can make each change once.
 */
export function renderCard(name: string, data: object): CardJson {
  return withOnceKeys(template(name).expand({ $root: data }) as CardJson);
}

/** Adds a Universal Actions refresh so Teams fetches the current card for each viewer. */
export function withRefresh(card: CardJson, verb: string, data: object, userIds?: string[]): CardJson {
  return {
    ...card,
    refresh: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, ...(userIds ? { userIds } : {}) },
  };
}

/** A one-line card used for short confirmations that replace a card in place. */
export function noticeCard(text: string, style: 'default' | 'good' | 'attention' | 'warning' = 'default'): CardJson {
  return renderCard('notice', { text, color: style === 'default' ? 'Default' : style === 'good' ? 'Good' : style === 'attention' ? 'Attention' : 'Warning' });
}
