/**
 * The workplace the crash harness (crash-kit.ts) works in, and its open pulse round. The
 * round is opened here with the pulse's own recurring job and the bot's seal key, so the
 * bot's answers land in it.
 */
import { loadConfig } from '../config.js';
import { systemClock } from '../core/clock.js';
import { createLogger } from '../core/log.js';
import { EventLog } from '../events/event-log.js';
import { ReminderEngine } from '../outbox/engine.js';
import { pulseFeature } from '../pulse/feature.js';
import { decodeSealKey } from '../pulse/seal.js';
import { PulseStore } from '../pulse/store.js';
import { Seal } from '../pulse/seal.js';
import { localDateOf, weekdayOf } from '../shared/calendar.js';
import type { Storage } from '../storage/tables.js';
import { WorkplaceStore } from '../workplaces/store.js';

export const CRASH = {
  workplace: 'bostedet-crash',
  name: 'Bostedet Crash',
  team: '19:crash-general@thread.tacv2',
  trio: '19:crash-trio@thread.tacv2',
  leaderAad: '0c0c0c0c-0000-4000-8000-000000000001',
} as const;

export interface CrashPerson {
  aad: string;
  name: string;
  key: string;
}

export interface CrashPeople {
  leader: CrashPerson;
  employees: CrashPerson[];
}

const EMPLOYEES = 60;

export async function seedCrashWorkplace(storage: Storage): Promise<CrashPeople> {
  const workplaces = new WorkplaceStore(storage, systemClock);
  const leader: CrashPerson = { aad: CRASH.leaderAad, name: 'Lea Leder', key: 'crash-leader' };
  const employees: CrashPerson[] = Array.from({ length: EMPLOYEES }, (_, i) => ({
    aad: `0c0c0c0c-0000-4000-8000-${String(100 + i).padStart(12, '0')}`,
    name: `Ansat ${i + 1}`,
    key: `crash-e${i + 1}`,
  }));
  await workplaces.create(CRASH.workplace, CRASH.name, leader.aad);
  for (const [p, role] of [[leader, 'leder'] as const, ...employees.map((e) => [e, 'medarbejder'] as const)]) {
    await workplaces.upsertMember({ workplaceId: CRASH.workplace, workplaceName: CRASH.name, aadObjectId: p.aad, teamsUserId: `29:${p.key}`, name: p.name, roles: [role] });
  }
  await workplaces.linkChannel(CRASH.workplace, 'trio', CRASH.trio, CRASH.team);
  return { leader, employees };
}

/** Opens this week's pulse round now (the pulse's own tick, its day set to today) and returns its id and items. */
export async function openCrashPulse(storage: Storage, sealKey: string): Promise<{ round: string; items: string[] }> {
  const config = loadConfig({ PULSE_SEAL_KEY: sealKey });
  const log = createLogger('silent');
  const clock = systemClock;
  const workplaces = new WorkplaceStore(storage, clock);
  const now = clock.now();
  // Announced already (startsOn: today), so the tick opens today's round at once instead of announcing a first one.
  await workplaces.updateSettings(CRASH.workplace, 'pulse', { enabled: true, weekday: weekdayOf(localDateOf(now)), time: '00:00', startsOn: localDateOf(now) });
  const key = decodeSealKey(sealKey)!;
  const scheduler = new ReminderEngine({ storage, clock, log }, { appRatePerSecond: config.scheduler.appRatePerSecond, workingHours: config.workingHours, sharedBudget: false });
  const pulse = pulseFeature({ config, log, storage, events: new EventLog(storage, clock), workplaces, scheduler, pulseSealKey: key });
  await pulse.recurring!.find((r) => r.name === 'pulse.tick')!.run(now);
  const rounds = await new PulseStore(storage, new Seal(key)).unclosedRounds(CRASH.workplace);
  const round = rounds.at(-1);
  if (!round) throw new Error('the crash harness could not open a pulse round');
  return { round: round.id, items: round.items.map((i) => i.id) };
}
