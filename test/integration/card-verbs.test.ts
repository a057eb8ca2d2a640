import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_VERBS } from '../../src/actions/model.js';
import { MEDYEAR_VERBS } from '../../src/medyear/model.js';
import { MUS_VERBS } from '../../src/mus/model.js';
import { PULSE_VERBS } from '../../src/pulse/model.js';
import { SICKNESS_VERBS } from '../../src/sickness/model.js';
import { SETUP_VERBS } from '../../src/workplaces/model.js';
import { VIOLENCE_VERBS } from '../../src/violence/model.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Verb names are constants in each feature's model.ts, used by its verbs and its card
 * builders; the templates in cards/ write them out. Every verb a template or a constant
 * names must be one the app routes, or the button would answer "virker ikke længere".
 */
const cardsDir = fileURLToPath(new URL('../../cards/', import.meta.url));

/** Every `verb` value in a template, with where it stands (bindings such as "${buttonVerb}" come from code). */
function templateVerbs(): { file: string; verb: string }[] {
  const out: { file: string; verb: string }[] = [];
  const walk = (file: string, node: unknown): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(file, n));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'verb' && typeof value === 'string' && !value.startsWith('${')) out.push({ file, verb: value });
        else walk(file, value);
      }
    }
  };
  for (const file of readdirSync(cardsDir).filter((f) => f.endsWith('.json'))) walk(file, JSON.parse(readFileSync(join(cardsDir, file), 'utf8')));
  return out;
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

describe('card verbs', () => {
  it('every verb in cards/*.json is routed', () => {
    const used = templateVerbs();
    expect(used.length).toBeGreaterThan(40);
    const routed = new Set(t.app.router.all().map((v) => v.verb));
    expect(used.filter((u) => !routed.has(u.verb))).toEqual([]);
  });

  it('every verb constant of a feature is routed, and every routed verb is a constant', () => {
    const constants = [...Object.values(ACTION_VERBS), ...Object.values(MUS_VERBS), ...Object.values(SICKNESS_VERBS), ...Object.values(SETUP_VERBS), ...Object.values(PULSE_VERBS), ...Object.values(MEDYEAR_VERBS), ...Object.values(VIOLENCE_VERBS)];
    const routed = t.app.router.all().map((v) => v.verb);
    expect([...constants].sort()).toEqual([...routed].sort());
  });

  it('every routed verb says where it works', () => {
    for (const v of t.app.router.all()) expect(v.scopes.length, v.verb).toBeGreaterThan(0);
  });
});
