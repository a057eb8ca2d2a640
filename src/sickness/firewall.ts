/**
 * The diagnosis firewall applied to a submit, for every feature. Free text is checked
 * with findHealthTerms (the list and its reasons are in health-terms.ts). On a hit
 * nothing is stored: the writer sees the text again with a warning, and only a second
 * submit that confirms exactly the terms they were warned about saves it.
 *
 * - Sickness case notes: `checkFreeText(texts, confirmed)` (context 'case').
 * - Anything that reaches a channel (pulse comments, action notes and fields) or a plan
 *   others read: `screenFields(fields, raw.confirmedTerms)` (context 'workplace', where
 *   the words of the trade such as "psykisk arbejdsmiljø" are not health data), and when
 *   `held` is true answer with `firewallCard(...)` (firewall-card.ts): it shows the
 *   warning, lets the writer edit the held fields, and re-submits the same verb with the
 *   other values and `confirmedTerms`.
 */
import { z } from 'zod';
import { findHealthTerms, type HealthContext } from './health-terms.js';

export interface FirewallResult {
  /** All terms found in the texts. */
  terms: string[];
  /** Terms the writer has not confirmed yet: non-empty means "warn, do not save". */
  unconfirmed: string[];
}

// Stryker disable next-line StringLiteral,ArrayDeclaration: equivalent, any context but 'workplace' is the case context, and no term is Stryker's filler string
export function checkFreeText(texts: readonly (string | undefined)[], confirmedTerms: readonly string[] = [], context: HealthContext = 'case'): FirewallResult {
  const terms = [...new Set(texts.flatMap((text) => (text ? findHealthTerms(text, context) : [])))];
  return { terms, unconfirmed: terms.filter((term) => !confirmedTerms.includes(term)) };
}

/** The terms a card says the writer confirmed ("stress,knæet" or a list); anything else reads as none. */
export const confirmedTermsInput = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : v),
  z.array(z.string().max(40)).max(50).catch([]),
);

export function parseConfirmed(raw: unknown): string[] {
  return confirmedTermsInput.parse(raw ?? []);
}

export interface FieldScreen extends FirewallResult {
  /** True: hold the submit back and show the warning (nothing may be stored). */
  held: boolean;
  /** The fields that named a term, with their terms, in the order given. */
  fields: { name: string; terms: string[] }[];
  /** The value for the confirm button's `confirmedTerms`. */
  confirmValue: string;
}

/**
 * Checks named free-text fields of one submit. `confirmed` is the submit's
 * `confirmedTerms` (raw card data is fine). Context 'workplace' unless told otherwise.
 */
export function screenFields(fields: Readonly<Record<string, string | undefined>>, confirmed: unknown, context: HealthContext = 'workplace'): FieldScreen {
  const ok = parseConfirmed(confirmed);
  const named = Object.entries(fields).map(([name, text]) => ({ name, terms: text ? findHealthTerms(text, context) : [] }));
  const { terms, unconfirmed } = checkFreeText(Object.values(fields), ok, context);
  return { terms, unconfirmed, held: unconfirmed.length > 0, fields: named.filter((f) => f.terms.length > 0), confirmValue: terms.join(',') };
}
