import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sicknessCardText } from '../../src/i18n/sickness-cards.js';

/**
 * All user text of a card comes from src/i18n: a template's text fields only bind
 * (`"${t.title}"`), so the Danish is in one place and a label used twice is written once.
 */
const cardsDir = fileURLToPath(new URL('../../cards/', import.meta.url));
const files = readdirSync(cardsDir).filter((f) => f.endsWith('.json')).sort();
const TEXT_FIELDS = new Set(['text', 'title', 'label', 'placeholder', 'errorMessage', 'altText', 'fallbackText', 'speak', 'tooltip']);

/** Every text field of a template with what is left of it once the `${...}` bindings are taken out. */
function textFields(node: unknown, out: { field: string; value: string }[] = []): { field: string; value: string }[] {
  if (Array.isArray(node)) node.forEach((n) => textFields(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (TEXT_FIELDS.has(key) && typeof value === 'string') out.push({ field: key, value });
      else textFields(value, out);
    }
  }
  return out;
}

/** A literal word: a letter outside a binding ("1-3-10" and "• ${$data}" are not words). */
const literalWords = (value: string): string => value.replace(/\$\{[^}]*\}/g, '').replace(/[^\p{L}]+/gu, ' ').trim();

describe('card templates hold no literal text', () => {
  it.each(files)('%s binds every text field', (file) => {
    const json = JSON.parse(readFileSync(join(cardsDir, file), 'utf8')) as unknown;
    const literal = textFields(json).filter((f) => literalWords(f.value) !== '');
    expect(literal).toEqual([]);
  });

  it('the check finds a literal word next to a binding', () => {
    expect(literalWords('Frist: ${deadline}')).toBe('Frist');
    expect(literalWords('• ${$data}')).toBe('');
    expect(literalWords('1-3-10')).toBe('');
  });

  it.each(files.filter((f) => f.startsWith('sickness-')))('%s binds only texts that src/i18n/sickness-cards.ts defines', (file) => {
    const section = file.replace(/^sickness-|\.json$/g, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    const texts = (sicknessCardText as Record<string, Record<string, string>>)[section] ?? {};
    const bound = [...readFileSync(join(cardsDir, file), 'utf8').matchAll(/\$\{(?:\$root\.)?t\.(\w+)\}/g)].map((m) => m[1]!);
    for (const key of bound) expect(typeof texts[key], `${file}: t.${key}`).toBe('string');
  });
});
