import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../core/clock.js';
import { ConversationStore } from '../conversations/store.js';
import { EventLog } from '../events/event-log.js';
import { appFeatures } from '../app.js';
import { mountFeatures } from '../core/mount.js';
import { ReminderEngine } from '../outbox/engine.js';
import { erasePerson } from '../privacy/erase.js';
import { accessExport } from '../privacy/export.js';
import { PRIVACY_TABLE, PrivacyStore } from '../privacy/store.js';
import { collectSubject } from '../privacy/subject.js';
import { WorkplaceStore } from '../workplaces/store.js';
import { fail, operatorContext } from './operator.js';

/**
 * The data-protection officer's tool (run by IT on their request):
 *
 *   npm run dsar -- --user <aad id> [--out DIR]       access request (art. 15): writes
 *        indsigt-<id>-<date>.json (every record) and .md (Danish summary) to DIR (./dsar)
 *   npm run dsar -- --user <aad id> --restrict         restriction (art. 18): no sends, no changes
 *   npm run dsar -- --user <aad id> --lift             ends the restriction
 *   npm run dsar -- --user <aad id> --erase --yes      erasure (art. 17); prints the receipt's reference
 *
 * --by <who> names who ordered it (default "operator"); it is stored with a restriction
 * and an erasure receipt. Prints one JSON line to stdout.
 */
const { values } = parseArgs({
  options: {
    user: { type: 'string' },
    out: { type: 'string', default: 'dsar' },
    restrict: { type: 'boolean', default: false },
    lift: { type: 'boolean', default: false },
    erase: { type: 'boolean', default: false },
    yes: { type: 'boolean', default: false },
    by: { type: 'string', default: 'operator' },
  },
});
const user = values.user?.trim().toLowerCase();
if (!user || !/^[0-9a-z-]{8,}$/.test(user)) fail('usage: npm run dsar -- --user <AAD object id> [--out DIR | --restrict | --lift | --erase --yes]', 2);
if ([values.restrict, values.lift, values.erase].filter(Boolean).length > 1) fail('choose one of --restrict, --lift, --erase', 2);
if (values.erase && !values.yes) fail(`--erase deletes ${user}'s data for good (backups excepted, see PRIVACY.md): add --yes to confirm`, 2);

const { config, log, opened } = await operatorContext(process.env);
const storage = opened.storage;
const clock = systemClock;
try {
  await storage.ensure([PRIVACY_TABLE]);
  const privacy = new PrivacyStore(storage, clock);
  const deps = { storage, clock, workplaces: new WorkplaceStore(storage, clock), conversations: new ConversationStore(storage, clock), events: new EventLog(storage, clock) };
  // The features mounted on an engine that is never started (it sends nothing): the scheduler
  // for erasing reminders by prefix, and the Danish labels of reminder kinds for the export.
  const engine = new ReminderEngine({ storage, clock, log }, { appRatePerSecond: config.scheduler.appRatePerSecond, workingHours: config.workingHours });
  const ctx = { ...deps, config, log, scheduler: engine, publicBaseUrl: () => config.publicBaseUrl ?? '', pulseSealKey: randomBytes(32) };
  mountFeatures(appFeatures(ctx), engine);
  if (values.restrict) {
    await privacy.restrict(user, values.by);
    await deps.events.append({ workplaceId: '_', actorId: values.by, type: 'privacy.restricted' });
    process.stdout.write(`${JSON.stringify({ user, restricted: true })}\n`);
  } else if (values.lift) {
    const lifted = await privacy.lift(user);
    process.stdout.write(`${JSON.stringify({ user, restricted: false, wasRestricted: lifted })}\n`);
  } else if (values.erase) {
    const result = await erasePerson({ ...deps, scheduler: engine }, user, values.by);
    process.stdout.write(`${JSON.stringify({ erased: true, ...result })}\n`);
  } else {
    const now = clock.now();
    const data = await collectSubject(deps, user);
    const result = accessExport(data, now, { restricted: await privacy.isRestricted(user), labelOf: (kind) => engine.labelOf(kind) ?? kind });
    const dir = resolve(values.out);
    mkdirSync(dir, { recursive: true });
    const base = join(dir, `indsigt-${user}-${now.toISOString().slice(0, 10)}`);
    writeFileSync(`${base}.json`, `${JSON.stringify(result.json, null, 2)}\n`, { mode: 0o600 });
    writeFileSync(`${base}.md`, `${result.summary}\n`, { mode: 0o600 });
    process.stdout.write(`${JSON.stringify({ user, json: `${base}.json`, summary: `${base}.md`, found: data.memberships.length + data.sickness.length + data.talks.length + data.actions.length + data.events.length + data.reminders.length })}\n`);
  }
} finally {
  await opened.stop();
}
