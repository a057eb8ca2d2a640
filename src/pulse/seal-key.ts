/**
 * Where the pulse's seal key comes from (read once at start-up by src/app.ts):
 *  - PULSE_SEAL_KEY, when set (production: a Key Vault secret in the app settings);
 *  - else, in local mode only (no MicrosoftAppId; config.ts refuses the other case), a
 *    key file made at first start (PULSE_SEAL_KEY_FILE, default `.pulse-seal.key` in the
 *    working directory). It must lie outside DATA_DIR, so that a copy of the storage's
 *    data folder alone reveals no ballot; start-up stops if it does not.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { ConfigError } from '../config.js';
import { decodeSealKey, newSealKey } from './seal.js';

export interface SealKeySettings {
  pulseSealKey?: string;
  pulseSealKeyFile: string;
  bot: { localMode: boolean };
  storage: { dataDir: string };
}

export interface SealKeyChoice {
  secret: Buffer;
  /** 'setting': PULSE_SEAL_KEY; 'file': an existing key file; 'created': made now. */
  origin: 'setting' | 'file' | 'created';
  /** Absolute path of the key file (origin file or created). */
  file?: string;
}

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function loadSealKey(config: SealKeySettings): SealKeyChoice {
  if (config.pulseSealKey) {
    const secret = decodeSealKey(config.pulseSealKey);
    if (!secret) throw new ConfigError(['PULSE_SEAL_KEY: must be at least 32 random bytes, base64 or hex']);
    return { secret, origin: 'setting' };
  }
  if (!config.bot.localMode) throw new ConfigError(['PULSE_SEAL_KEY is empty but MicrosoftAppId is set: set PULSE_SEAL_KEY (see README, "Configuration")']);
  const file = resolve(config.pulseSealKeyFile);
  if (inside(file, resolve(config.storage.dataDir))) {
    throw new ConfigError([`PULSE_SEAL_KEY_FILE=${JSON.stringify(config.pulseSealKeyFile)}: the key file must lie outside DATA_DIR (${config.storage.dataDir}), or a copy of the data folder holds both the ballots and their key`]);
  }
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      // 'wx': two processes starting at once never overwrite each other's key.
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${newSealKey()}\n`);
      closeSync(fd);
      const secret = decodeSealKey(readFileSync(file, 'utf8'));
      if (secret) return { secret, origin: 'created', file };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const secret = decodeSealKey(readFileSync(file, 'utf8'));
  if (!secret) throw new ConfigError([`PULSE_SEAL_KEY_FILE=${JSON.stringify(config.pulseSealKeyFile)}: the file does not hold a key of at least 32 bytes (base64 or hex)`]);
  return { secret, origin: 'file', file };
}
