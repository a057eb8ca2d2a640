/**
 * The diagnosis firewall applied to a submit: every free-text field is checked with
 * findHealthTerms (the list and its reasons are in health-terms.ts). On a hit nothing
 * is stored; the form comes back with a warning, and only a second submit that
 * confirms exactly the terms the leader was warned about saves the text.
 */
import { findHealthTerms } from './health-terms.js';

export interface FirewallResult {
  /** All terms found in the texts. */
  terms: string[];
  /** Terms the leader has not confirmed yet: non-empty means "warn, do not save". */
  unconfirmed: string[];
}

export function checkFreeText(texts: readonly (string | undefined)[], confirmedTerms: readonly string[] = []): FirewallResult {
  const terms = [...new Set(texts.flatMap((text) => (text ? findHealthTerms(text) : [])))];
  return { terms, unconfirmed: terms.filter((term) => !confirmedTerms.includes(term)) };
}
