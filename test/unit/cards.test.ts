import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateCard } from '../support/card-validator.js';

/**
 * Every template in cards/ is checked as it is stored: the `${...}` bindings are plain
 * strings to the parser and `$data`/`$when` are ignored, so this checks the structure.
 * New cards are picked up automatically.
 */
const cardsDir = fileURLToPath(new URL('../../cards/', import.meta.url));
const files = readdirSync(cardsDir).filter((f) => f.endsWith('.json')).sort();

describe('card templates in cards/', () => {
  it('has at least one card', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s is a valid Adaptive Card 1.5', (file) => {
    const json = JSON.parse(readFileSync(join(cardsDir, file), 'utf8')) as Record<string, unknown>;
    expect(json.type).toBe('AdaptiveCard');
    expect(json.version).toBe('1.5');
    expect(validateCard(json)).toEqual([]);
  });
});
