import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobHandler, ScheduleRequest } from '../../src/outbox/types.js';
import { FANOUT_WORKPLACE, userId } from '../../src/tools/fanout-kit.js';
import { NOTE_KIND, startHarness, type Harness } from '../support/reminder-harness.js';

/**
 * A job due now wakes a started engine at once (what a person's own action sends, such
 * as MUS invitations). Also while a tick is running: that tick may already have read past
 * the new job, so the engine ticks again when it ends instead of leaving the job to the
 * next full minute.
 */
describe('a job due now, scheduled while a tick is running', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ users: 3 });
  });
  afterAll(() => h.stop());

  it('goes out when that tick ends, not at the next minute', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let rendering = false;
    const slow: JobHandler = {
      kind: 'test.slow',
      async render(job) {
        rendering = true;
        await gate;
        return { text: `fanout ${job.key}` };
      },
    };
    const job = (key: string, kind: string, user: number): ScheduleRequest => ({ key, kind, workplaceId: FANOUT_WORKPLACE, target: { kind: 'user', aadObjectId: userId(user) }, dueAt: h.clock.now() });
    const engine = h.engine({ handlers: [slow] });
    engine.start();
    try {
      await engine.schedule(job('kick:slow', 'test.slow', 0));
      await until('the slow job renders', () => rendering); // the woken tick holds the slow job
      await engine.schedule(job('kick:now', NOTE_KIND, 1));
      await new Promise((r) => setTimeout(r, 600)); // the wake-up for it came while the tick ran
      release();
      await until('the second job is sent', () => h.delivered().includes('kick:now'));
      expect(h.delivered()).toEqual(expect.arrayContaining(['kick:slow', 'kick:now']));
    } finally {
      release();
      await engine.stop();
    }
  });
});

/** Waits in real time for `done`; the bound is far below the engine's one-minute tick. */
async function until(what: string, done: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
