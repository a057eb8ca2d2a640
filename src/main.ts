import { ConfigError, environmentWithDotEnv, loadConfig } from './config.js';
import { startApp } from './app.js';
import { createLogger } from './core/log.js';

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
  const app = await startApp(config, { log });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'shutdown', signal }, 'shutting down');
    try {
      await app.stop();
      log.info({ event: 'shutdown.done' }, 'stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`TRIO-bot could not start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
