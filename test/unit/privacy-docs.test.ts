import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RETENTION_CLASSES } from '../../src/privacy/policy.js';

/** The README's retention table and PRIVACY.md say what the code does. */
describe('retention defaults in the documentation', () => {
  const readme = readFileSync('README.md', 'utf8');
  const privacy = readFileSync('PRIVACY.md', 'utf8');

  it('the README lists every class with its default and minimum', () => {
    for (const [name, c] of Object.entries(RETENTION_CLASSES)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
      expect(row, name).toBeDefined();
      const cells = row!.split('|').map((x) => x.trim());
      expect(cells.slice(-3, -1), name).toEqual([String(c.days), String(c.min)]);
    }
  });

  it('PRIVACY.md states every default period, in Danish and English', () => {
    for (const c of Object.values(RETENTION_CLASSES)) expect(privacy).toContain(`| ${c.days} dage |`);
    expect(privacy).toContain('## Dansk');
    expect(privacy).toContain('## English');
    for (const words of ['databeskyttelsesloven § 12', 'art. 9, stk. 2, litra b', 'npm run dsar', 'npm run backup', 'PULSE_SEAL_KEY']) expect(privacy).toContain(words);
  });
});
