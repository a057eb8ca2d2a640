import { ConfigError, environmentWithDotEnv, loadConfig, type Config, type RawEnv } from '../config.js';
import { createLogger, type Logger } from '../core/log.js';
import { openStorage, StorageStartError, type OpenedStorage } from '../storage/connect.js';

/**
 * What the operator tools (backup, restore, dsar) share: the configuration from the
 * environment (and .env), as the bot reads it, and the storage it points at. Logs go to
 * stderr so that stdout carries the tool's own output.
 */
export interface OperatorContext {
  config: Config;
  log: Logger;
  opened: OpenedStorage;
}

export async function operatorContext(env: RawEnv): Promise<OperatorContext> {
  let config: Config;
  try {
    config = loadConfig(environmentWithDotEnv(env));
  } catch (e) {
    if (e instanceof ConfigError) fail(`${e.message}\nFix the variables above (see README, "Configuration").`, 78);
    throw e;
  }
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
  try {
    return { config, log, opened: await openStorage(config, log) };
  } catch (e) {
    if (e instanceof StorageStartError) fail(e.message, 1);
    throw e;
  }
}

export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
