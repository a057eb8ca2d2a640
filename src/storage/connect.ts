import { resolve } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../core/log.js';
import { Storage, type StorageAccount } from './tables.js';

/** Storage cannot be used as configured; the message says what to fix (printed without a stack). */
export class StorageStartError extends Error {
  override readonly name = 'StorageStartError';
}

export interface OpenedStorage {
  storage: Storage;
  /** Stops what was started for the storage (the embedded emulator); a no-op otherwise. */
  stop(): Promise<void>;
}

/**
 * Connects to the configured storage. The emulator (a dev dependency) and @azure/identity
 * are loaded only when they are used, so a production install has neither Azurite nor
 * its start-up cost, and a shared-key deployment does not load the identity stack.
 */
export async function openStorage(config: Config, log: Logger): Promise<OpenedStorage> {
  const { storage: s } = config;
  switch (s.mode) {
    case 'connectionString':
      log.info({ event: 'storage.connectionString' }, 'storage: connection string');
      return { storage: new Storage(s.connectionString, s.tablePrefix), stop: async () => undefined };
    case 'accountUrl': {
      const { DefaultAzureCredential } = await import('@azure/identity');
      const clientId = s.identityClientId;
      const account: StorageAccount = { url: s.accountUrl, credential: new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {}) };
      const storage = new Storage(account, s.tablePrefix);
      await probe(storage, s.accountUrl, clientId);
      log.info({ event: 'storage.entraId', url: s.accountUrl, ...(clientId ? { managedIdentityClientId: clientId } : {}) }, 'storage: Entra ID (DefaultAzureCredential), no shared key');
      return { storage, stop: async () => undefined };
    }
    case 'embedded': {
      const location = resolve(s.dataDir, 'azurite');
      const { startAzurite } = await import('./azurite.js').catch((e: unknown) => {
        throw new StorageStartError(`the embedded storage needs the dev dependencies (npm ci, not --omit=dev): ${String(e)}`);
      });
      const onEvent = (event: string, detail: Record<string, unknown>) => log.info({ event, ...detail }, 'embedded storage');
      const azurite = await startAzurite({ location, onEvent }).catch((e: unknown) => {
        if (e instanceof Error && e.name === 'DataFolderInUse') throw new StorageStartError(e.message);
        if (/Cannot find (module|package) 'azurite'/.test(String(e))) {
          throw new StorageStartError(
            'Azurite (the embedded storage) is a dev dependency and is not installed here (npm ci --omit=dev). ' +
              'Configure STORAGE_ACCOUNT_URL or STORAGE_CONNECTION_STRING, or install the dev dependencies to use it.',
          );
        }
        throw e;
      });
      log.info({ event: 'storage.embedded', port: azurite.port, pid: azurite.pid, location }, 'embedded Azurite started');
      if (!config.bot.localMode) {
        log.warn(
          { event: 'storage.embedded.production' },
          'STORAGE=embedded with an app id: all data lives in the memory of the embedded emulator (flushed to DATA_DIR every few seconds). Use a storage account for a real deployment.',
        );
      }
      return { storage: new Storage(azurite.connectionString, s.tablePrefix), stop: () => azurite.stop() };
    }
  }
}

/** Fails start-up with what an operator has to fix: no identity, or an identity without the role. */
async function probe(storage: Storage, url: string, clientId: string): Promise<void> {
  try {
    await storage.listTableNames(1);
  } catch (e) {
    const err = e as { name?: string; statusCode?: number; message?: string };
    const which = clientId ? `the managed identity with client id ${clientId}` : 'the managed identity (or your developer login)';
    if (err.name === 'AggregateAuthenticationError' || err.name === 'CredentialUnavailableError' || err.name === 'AuthenticationError') {
      throw new StorageStartError(
        `STORAGE_ACCOUNT_URL=${url}: no Entra ID token for storage (DefaultAzureCredential). In Azure, turn on the managed identity of the App Service or Container App ` +
          `(for a user-assigned one set AZURE_CLIENT_ID); on a developer machine run az login. ${firstLine(err.message)}`,
      );
    }
    if (err.statusCode === 403) {
      throw new StorageStartError(`STORAGE_ACCOUNT_URL=${url}: storage refused ${which} (403). Give it the role "Storage Table Data Contributor" on the storage account. ${firstLine(err.message)}`);
    }
    throw new StorageStartError(`STORAGE_ACCOUNT_URL=${url}: the storage account does not answer: ${firstLine(err.message)}`);
  }
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n').find((l) => l.trim() && !l.startsWith('<?xml'))?.trim().slice(0, 300) ?? '';
}
