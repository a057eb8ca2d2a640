import type { Clock } from '../../src/core/clock.js';
import type { RawEnv } from '../../src/config.js';
import type { Role } from '../../src/core/types.js';
import { startTestApp, type TestApp } from './app.js';
import { solhoej, solhoejPeople, startPlayground, type Playground, type PgUser } from './playground.js';

export interface E2E {
  t: TestApp;
  pg: Playground;
  people: typeof solhoejPeople;
  /** The TRIO channel and the team's General channel of the scenario. */
  trio: string;
  general: string;
  stop(): Promise<void>;
}

/**
 * The bot (in-process, real storage on Azurite) and the Agents Playground (child
 * process) wired together. Lone Leder is a bootstrap leader.
 */
export async function startE2E(env: RawEnv = {}, clock?: Clock): Promise<E2E> {
  const t = await startTestApp({ BOOTSTRAP_LEADERS: solhoejPeople.lone.aadObjectId, ...env }, clock);
  let pg: Playground;
  try {
    pg = await startPlayground({ botEndpoint: `${t.url}/api/messages`, scenario: solhoej });
  } catch (e) {
    await t.stop();
    throw e;
  }
  return {
    t,
    pg,
    people: solhoejPeople,
    trio: solhoej.team.channel!.id,
    general: solhoej.team.id,
    async stop() {
      await pg.stop();
      await t.stop();
    },
  };
}

const ROLE_OF: Record<PgUser['role'], Role> = { leder: 'leder', tr: 'TR', amr: 'AMR', medarbejder: 'medarbejder' };

/**
 * Seeds Bostedet Solhøj directly in storage (workplace, everyone's role, TRIO channel),
 * for feature tests that start after setup. The setup flow itself is tested in
 * test/e2e/foundation.test.ts through the bot.
 */
export async function seedSolhoej(e: E2E, opts: { medChannel?: string } = {}): Promise<string> {
  const store = e.t.app.ctx.workplaces;
  const id = 'bostedet-solhoej';
  await store.create(id, 'Bostedet Solhøj', e.people.lone.aadObjectId);
  for (const p of Object.values(e.people)) {
    await store.upsertMember({
      workplaceId: id,
      workplaceName: 'Bostedet Solhøj',
      aadObjectId: p.aadObjectId,
      teamsUserId: p.id,
      name: p.name,
      roles: [ROLE_OF[p.role]],
    });
  }
  await store.linkChannel(id, 'trio', e.trio, e.general);
  if (opts.medChannel) await store.linkChannel(id, 'med', opts.medChannel, e.general);
  return id;
}
