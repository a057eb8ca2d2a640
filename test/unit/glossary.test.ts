import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RETIRED } from '../../src/i18n/glossary.js';

/**
 * The word list holds (src/i18n/glossary.ts): no text a person reads uses a retired word.
 * Every module in src/i18n is read (a new feature's text too), with its text functions
 * called on sample arguments, and every card template, the manifest and the pulse bank.
 */
async function i18nTexts(): Promise<Map<string, string>> {
  const texts = new Map<string, string>(); // text → where
  const seen = new Set<unknown>();
  const collect = (v: unknown, where: string): void => {
    if (typeof v === 'string') texts.set(v, where);
    else if (typeof v === 'function') {
      for (const args of [['Mads Medarbejder', 'Bostedet Solhøj', '1. december 2026', 'X'], [2, 3, 4, 5], [1, 1, 1, 1]]) {
        try {
          const out = (v as (...a: unknown[]) => unknown)(...args);
          if (typeof out === 'string') texts.set(out, where);
        } catch {
          /* not a text function for these arguments */
        }
      }
    } else if (v && typeof v === 'object' && !seen.has(v)) {
      seen.add(v);
      for (const [k, x] of Object.entries(v)) collect(x, `${where}.${k}`);
    }
  };
  for (const file of readdirSync('src/i18n').filter((f) => f.endsWith('.ts') && f !== 'glossary.ts')) {
    const mod = (await import(pathToFileURL(join(process.cwd(), 'src/i18n', file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) collect(value, `src/i18n/${file} ${name}`);
  }
  const strings = (v: unknown, where: string): void => {
    if (typeof v === 'string') texts.set(v, where);
    else if (Array.isArray(v)) v.forEach((x) => strings(x, where));
    else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, where));
  };
  for (const file of readdirSync('cards').filter((f) => f.endsWith('.json'))) strings(JSON.parse(readFileSync(join('cards', file), 'utf8')), `cards/${file}`);
  for (const file of ['manifest/manifest.json', 'manifest/en-us.json', 'src/pulse/bank.da.json']) strings(JSON.parse(readFileSync(file, 'utf8')), file);
  return texts;
}

describe('the word list', () => {
  it('no text uses a retired word', async () => {
    const texts = await i18nTexts();
    expect(texts.size).toBeGreaterThan(500);
    const found: string[] = [];
    for (const [text, where] of texts) {
      for (const r of RETIRED) {
        const m = r.pattern.exec(text);
        if (m) found.push(`${where}: "${m[0]}" → ${r.use}: ${text.slice(0, 120)}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('catches each retired word it lists', () => {
    const samples = ['på arbejdspladsen', 'MUS er afholdt', 'din MUS-samtale', 'Forfalden', 'en omsorgssamtale', 'kl. 10:00', '§7a'];
    samples.forEach((s, i) => expect(RETIRED.some((r) => r.pattern.test(s)), s).toBe(true));
    expect(RETIRED.some((r) => r.pattern.test('arbejdsstedet holdt MUS kl. 10.00 efter § 7 a'))).toBe(false);
  });
});
