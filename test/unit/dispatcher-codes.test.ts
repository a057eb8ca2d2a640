import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { access, type Principal } from '../../src/core/access.js';
import { Dispatcher } from '../../src/core/dispatcher.js';
import { createLogger } from '../../src/core/log.js';
import { mountFeatures } from '../../src/core/mount.js';
import { defineCommand } from '../../src/core/registry.js';
import { defineVerb } from '../../src/core/router.js';
import { ConflictError, NotFoundError } from '../../src/storage/errors.js';
import { fakeTurn, textOf } from '../support/fake-turn.js';

/**
 * The one error policy: verbs declare where they work and the dispatcher enforces it;
 * coded errors get the default Danish text of their code, faults an apology, and every
 * refusal and error is logged with its code.
 */
function setup() {
  const logs: Record<string, unknown>[] = [];
  const log = createLogger('debug', new Writable({
    write(c: Buffer, _e, done) {
      c.toString().split('\n').filter(Boolean).forEach((l) => logs.push(JSON.parse(l) as Record<string, unknown>));
      done();
    },
  }));
  const ran: string[] = [];
  const verbs = [
    defineVerb({ verb: 'test.private', scopes: ['personal'], wrongPlace: 'Kun i din private chat.', schema: z.object({}), allowed: access.anyone, run: async () => (ran.push('private'), {}) }),
    defineVerb({ verb: 'test.plain', scopes: ['personal'], schema: z.object({}), allowed: access.anyone, run: async () => (ran.push('plain'), {}) }),
    defineVerb({ verb: 'test.gone', scopes: ['personal'], schema: z.object({}), allowed: access.anyone, run: async () => { throw new NotFoundError('Thing p/r'); } }),
    defineVerb({ verb: 'test.storage', scopes: ['personal'], schema: z.object({}), allowed: access.anyone, run: async () => { throw Object.assign(new Error('table on fire'), { statusCode: 500 }); } }),
  ];
  const commands = [defineCommand({ id: 'test.race', name: 'kapløb', aliases: [], description: 'x', scopes: ['personal'], allowed: access.anyone, run: async () => { throw new ConflictError('Thing p/r: too many concurrent changes'); } })];
  const { registry, router } = mountFeatures([{ name: 'test', tables: [], commands, verbs }], { mount: () => undefined });
  const p: Principal = { userId: 'u', name: 'U', memberships: [], bootstrapLeader: false };
  return { dispatcher: new Dispatcher({ registry, router, log, resolvePrincipal: async () => p }), logs, ran };
}

const channel = { where: { scope: 'channel' as const, conversationId: '19:c' } };

describe('Dispatcher: scopes of verbs', () => {
  it('refuses a verb outside its scopes before it runs, with its own text or the plain refusal', async () => {
    const { dispatcher, ran, logs } = setup();
    expect((await dispatcher.handleAction(fakeTurn(channel), 'test.private', {}, { source: 'execute' })).message?.text).toBe('Kun i din private chat.');
    expect((await dispatcher.handleAction(fakeTurn(channel), 'test.plain', {}, { source: 'execute' })).message?.text).toMatch(/ikke adgang/);
    expect(ran).toEqual([]);
    expect(logs.filter((l) => l.event === 'action.wrongPlace').map((l) => l.code)).toEqual(['WRONG_PLACE', 'WRONG_PLACE']);
    await dispatcher.handleAction(fakeTurn(), 'test.private', {}, { source: 'execute' });
    expect(ran).toEqual(['private']);
  });
});

describe('Dispatcher: error codes', () => {
  it('answers a NotFoundError from below with the default Danish text and logs NOT_FOUND', async () => {
    const { dispatcher, logs } = setup();
    const outcome = await dispatcher.handleAction(fakeTurn(), 'test.gone', {}, { source: 'execute' });
    expect(outcome.rejected).toBe(true);
    expect(outcome.message?.text).toBe('Det kan jeg ikke finde længere. Hent kortet igen, fx med **hjælp**.');
    expect(logs.find((l) => l.event === 'refused')?.code).toBe('NOT_FOUND');
  });

  it('answers a ConflictError in a command with the default text and logs CONFLICT', async () => {
    const { dispatcher, logs } = setup();
    const turn = fakeTurn();
    await dispatcher.handleText(turn, 'kapløb');
    expect(textOf(turn.replies[0])).toContain('Det blev ændret af en anden i samme øjeblik');
    expect(logs.find((l) => l.event === 'refused')?.code).toBe('CONFLICT');
  });

  it('treats a storage failure as a fault: an apology with the reference, the code STORAGE in the error log', async () => {
    const { dispatcher, logs } = setup();
    const outcome = await dispatcher.handleAction(fakeTurn(), 'test.storage', {}, { source: 'execute' });
    expect(outcome.message?.text).toContain('ref12345');
    expect(outcome.message?.text).not.toContain('fire');
    const error = logs.find((l) => l.msg === 'card action failed');
    expect(error?.code).toBe('STORAGE');
    expect(error?.level).toBe(50);
  });
});
