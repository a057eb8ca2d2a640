import { ConfigError, environmentWithDotEnv, loadConfig } from './config.js';
import type { App } from './app.js';
import { createLogger } from './core/log.js';
import { openStorage, StorageStartError } from './storage/connect.js';

/** Process entry point: read the environment once, start, and stop cleanly on signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(environmentWithDotEnv(process.env));
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nFix the variables above (see README, "Configuration") and start again.\n`);
      process.exit(78);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  // Signals are handled from the first moment: a Ctrl+C during start-up waits for the
  // start to finish and then stops everything, so no Azurite child is left behind.
  let app: App | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'shutdown', signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    // Whatever hangs (the connector, storage, a turn), the process is gone within the
    // grace period: App Service and Container Apps would kill it mid-write otherwise.
    setTimeout(() => {
      log.error({ event: 'shutdown.forced', graceMs: config.shutdownGraceMs }, 'shutdown took too long; exiting now');
      process.exit(1);
    }, Math.max(500, config.shutdownGraceMs - 500));
    if (app) await stopAndExit(app);
  };
  const stopAndExit = async (running: App) => {
    try {
      await running.stop();
      log.info({ event: 'shutdown.done' }, 'stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // The storage (the embedded Azurite: a process of its own) starts while the rest of the
  // app loads, which takes as long again; startApp waits for it where it needs it.
  const storage = openStorage(config, log);
  storage.catch(() => undefined); // its error is thrown by startApp, with the app's cleanup
  const { startApp } = await import('./app.js');
  app = await startApp(config, { log, storage });
  if (stopping) await stopAndExit(app);
}

main().catch((err: unknown) => {
  // Problems an operator fixes get their message only; anything else gets the stack.
  const text = err instanceof StorageStartError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`TRIO-bot could not start: ${text}\n`);
  process.exit(1);
});
