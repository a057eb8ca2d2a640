/**
 * The card the diagnosis firewall answers with when a submit is held back (firewall.ts):
 * the warning, the fields that named a health term (editable, with what was typed), and
 * the same verb twice: once to save the corrected text, once to save anyway with the
 * terms confirmed. Everything else of the submit rides along in the card data, so
 * nothing typed is lost. Other features call it:
 *
 *   const screen = screenFields({ note: r.note }, raw.confirmedTerms);
 *   if (screen.held) return { card: firewallCard({ verb, data: { workplaceId, number }, screen, fields: [{ id: 'note', label, value: r.note }], where: 'channel' }) };
 */
import { renderCard } from '../core/cards.js';
import type { CardJson } from '../core/types.js';
import { firewallText as t } from '../i18n/sickness.js';
import { sicknessCardText as C } from '../i18n/sickness-cards.js';
import type { FieldScreen } from './firewall.js';

export interface HeldField {
  id: string;
  label: string;
  value: string;
  multiline?: boolean;
  maxLength?: number;
}

export function firewallCard(opts: { verb: string; data: Readonly<Record<string, unknown>>; screen: FieldScreen; fields: readonly HeldField[]; where: keyof typeof t.audience }): CardJson {
  const held = new Set(opts.screen.fields.map((f) => f.name));
  const shown = opts.fields.filter((f) => held.has(f.id));
  const fields = shown.length ? shown : opts.fields;
  // The inputs carry the fields shown; everything else of the submit rides along as it was.
  const data = Object.fromEntries(Object.entries(opts.data).filter(([k]) => !fields.some((f) => f.id === k) && k !== 'confirmedTerms'));
  return renderCard('sickness-firewall', {
    t: C.firewall,
    title: t.title,
    warning: t.warning(opts.screen.terms),
    audience: t.audience[opts.where],
    fields: fields.map((f) => ({ id: f.id, label: f.label, value: f.value, multiline: f.multiline ?? true, maxLength: f.maxLength ?? 2000 })),
    verb: opts.verb,
    data,
    confirmData: { ...data, confirmedTerms: opts.screen.confirmValue },
  });
}
