import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appFeatures } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/log.js';
import { mountFeatures } from '../../src/core/mount.js';
import { ConversationStore } from '../../src/conversations/store.js';
import { EventLog } from '../../src/events/event-log.js';
import { ReminderEngine } from '../../src/outbox/engine.js';
import { WorkplaceStore } from '../../src/workplaces/store.js';
import { medyearSteps } from '../support/once-stories/medyear.js';
import { musSteps } from '../support/once-stories/mus.js';
import { pulseSteps } from '../support/once-stories/pulse.js';
import { setupAndActionSteps } from '../support/once-stories/setup-actions.js';
import { sicknessSteps } from '../support/once-stories/sickness.js';
import { violenceSteps } from '../support/once-stories/violence.js';
import { testStorage } from '../support/storage.js';

/**
 * The exactly-once tests (exactly-once-*.test.ts) cover every verb and command that
 * writes, read from the router and the registry: a new writing verb fails here until it
 * has a step; a new verb that does not declare `writes` fails here until it is listed as
 * reading only.
 */

/** Verbs and commands that only read (show a card, a page, a form): nothing to make once. */
const READS = {
  verbs: {
    'roles.page': 'a page of the roles card',
    'actions.list': 'a page of the list',
    'actions.show': 'opens an action',
    'actions.refresh': 'the current card',
    'actions.newForm': 'opens the form',
    'sickness.show': 'opens a case',
    'sickness.contact.form': 'opens the contact form',
    'sickness.samtale.form': 'opens the booking form',
    'sickness.samtale.outcomeForm': 'opens the outcome form',
    'mus.talk': 'opens a talk',
    'mus.planView': 'opens a development plan',
    'mus.followUpOpen': 'opens the follow-up form',
    'medyear.wheel.show': 'the årshjul',
    'medyear.wheel.edit': 'opens the årshjul form',
    'medyear.agenda.show': 'the agenda',
    'medyear.referat.show': 'the referat',
    'medyear.apv.show': 'the APV cycle',
    'medyear.kup.show': 'the kompetenceudviklingsplan',
    'medyear.talk.show': 'the arbejdsmiljødrøftelse',
    'violence.form': 'opens the registration form',
    'violence.show': 'opens an episode',
  },
  commands: ['core.help', 'setup.roles', 'actions.open', 'actions.new', 'actions.show', 'actions.export', 'reminders.status', 'mus.status', 'mus.mine', 'mus.plan', 'mus.register', 'mus.people', 'mus.settings', 'pulse.results', 'sickness.open', 'sickness.overview', 'sickness.settings', 'sickness.yearly', 'medyear.wheel', 'medyear.agenda', 'medyear.referat', 'medyear.apv', 'medyear.kup', 'medyear.talk', 'violence.register', 'violence.overview'],
} as const;

/**
 * Writers of the trivselspuls, which is kept by its own helper: the answer is made once by
 * its own transaction (one has-answered row per person and round, src/pulse/store.ts; its
 * step is in exactly-once-pulse.test.ts); the settings are one idempotent write. They do not
 * declare `writes` yet.
 */
/**
 * Writers that do not declare `writes` yet (a repeated press of their card is not answered
 * from its one-time key). Empty since every feature's writers declare it; kept so that a
 * gap would have to be listed here, visibly, and could only shrink.
 */
const NOT_YET_ONCE: { verbs: readonly string[] } = { verbs: [] };

/**
 * … and the first-round notice's buttons (src/pulse/verbs-first.ts), made once by storage:
 * "Start nu" opens the row of today's week (a second press finds it), "Udskyd en uge" sets
 * the day the card names; test/integration/pulse-first.test.ts presses each twenty times at once.
 */
const PULSE_OWN = { verbs: ['pulse.answer', 'pulse.settings.save', 'pulse.start', 'pulse.postpone'], commands: ['pulse.settings'] } as const;

function mounted() {
  const storage = testStorage();
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const config = loadConfig({});
  const log = createLogger('silent');
  const engine = new ReminderEngine({ storage, clock, log }, { appRatePerSecond: config.scheduler.appRatePerSecond, workingHours: config.workingHours });
  const ctx = { config, clock, log, storage, events: new EventLog(storage, clock), conversations: new ConversationStore(storage, clock), workplaces: new WorkplaceStore(storage, clock), scheduler: engine, publicBaseUrl: () => 'http://localhost', pulseSealKey: randomBytes(32) };
  return mountFeatures(appFeatures(ctx), engine);
}

describe('the exactly-once tests cover every writer', () => {
  const { router, registry } = mounted();
  const steps = [...setupAndActionSteps(), ...sicknessSteps(), ...musSteps(), ...pulseSteps(), ...medyearSteps(), ...violenceSteps()];
  const stepped = (kind: 'verb' | 'command') => new Set(steps.filter((s) => s.kind === kind).map((s) => s.writer));

  it('every verb that writes has a step, and every other verb is known to read only', () => {
    const writing = router.all().filter((v) => v.writes).map((v) => v.verb);
    expect(writing.length).toBeGreaterThanOrEqual(35);
    expect(writing.filter((v) => !stepped('verb').has(v)), 'writing verbs without a step').toEqual([]);
    const rest = router.all().filter((v) => !v.writes).map((v) => v.verb);
    const known = new Set<string>([...Object.keys(READS.verbs), ...PULSE_OWN.verbs, ...NOT_YET_ONCE.verbs]);
    expect(rest.filter((v) => !known.has(v)), 'verbs that neither declare writes nor are known to read only').toEqual([]);
  });

  it('every command that writes has a step, and every other command is known to read only', () => {
    const writing = registry.all().filter((c) => c.writes).map((c) => c.id);
    expect(writing.sort()).toEqual(['setup.channel', 'sickness.close', 'sickness.report']);
    expect(writing.filter((c) => !stepped('command').has(c))).toEqual([]);
    const known = new Set<string>([...READS.commands, ...PULSE_OWN.commands]);
    expect(registry.all().filter((c) => !c.writes && !known.has(c.id)).map((c) => c.id), 'commands that neither declare writes nor are known to read only').toEqual([]);
  });

  it('the writers not yet made once exist and still do not declare writes (the list only shrinks)', () => {
    const verbs = new Map(router.all().map((v) => [v.verb, v]));
    expect(NOT_YET_ONCE.verbs.filter((v) => !verbs.has(v) || verbs.get(v)!.writes)).toEqual([]);
  });

  it('no step is about a verb or command that does not exist', () => {
    const names = new Set([...router.all().map((v) => `verb ${v.verb}`), ...registry.all().map((c) => `command ${c.id}`)]);
    expect(steps.map((s) => `${s.kind} ${s.writer}`).filter((n) => !names.has(n))).toEqual([]);
  });
});
