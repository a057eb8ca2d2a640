import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig, type RawEnv } from '../../src/config.js';
import { startApp, type App, type StartOptions } from '../../src/app.js';
import type { Clock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/log.js';

export interface TestApp {
  app: App;
  url: string;
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * Starts the real composition root on a free port, on the run's Azurite with a fresh
 * table prefix. Logs are captured so tests can assert on them.
 */
export async function startTestApp(env: RawEnv = {}, clock?: Clock, options: Omit<StartOptions, 'log' | 'clock'> = {}): Promise<TestApp> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STORAGE_CONNECTION_STRING: inject('azuriteConnectionString'),
    TABLE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    SCHEDULER_ENABLED: 'false',
    LOG_LEVEL: 'info',
    // A key per app, so no test writes a key file (the key file itself: test/integration/pulse-seal.test.ts).
    PULSE_SEAL_KEY: randomBytes(32).toString('base64'),
    ...env,
  });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = await startApp(config, { ...options, log: createLogger(config.logLevel, sink), ...(clock ? { clock } : {}) });
  return { app, url: `http://127.0.0.1:${app.port}`, logs, stop: () => app.stop() };
}
