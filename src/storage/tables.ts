import { TableClient, TableServiceClient, type TableEntity } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';

/**
 * Where the tables are: a connection string (shared key, or Azurite), or the account's
 * table endpoint with an Entra ID credential (keyless: a managed identity in Azure).
 */
export type StorageAccount = string | { readonly url: string; readonly credential: TokenCredential };

/**
 * Table access for every feature. Each feature names its tables; the prefix keeps
 * several deployments (or test runs) apart in one account.
 */
export class Storage {
  private readonly clients = new Map<string, TableClient>();
  private readonly options: { allowInsecureConnection: boolean };
  private serviceClient?: TableServiceClient;

  constructor(
    private readonly account: StorageAccount,
    readonly prefix: string,
  ) {
    this.options = {
      allowInsecureConnection: typeof account === 'string' && (/http:\/\//i.test(account) || /UseDevelopmentStorage=true/i.test(account)),
    };
  }

  /** The client for a logical table name such as "Actions". */
  table(name: string): TableClient {
    let client = this.clients.get(name);
    if (!client) {
      const table = `${this.prefix}${name}`;
      client =
        typeof this.account === 'string'
          ? TableClient.fromConnectionString(this.account, table, this.options)
          : new TableClient(this.account.url, table, this.account.credential, this.options);
      this.clients.set(name, client);
    }
    return client;
  }

  private service(): TableServiceClient {
    this.serviceClient ??=
      typeof this.account === 'string'
        ? TableServiceClient.fromConnectionString(this.account, this.options)
        : new TableServiceClient(this.account.url, this.account.credential, this.options);
    return this.serviceClient;
  }

  /** Creates the tables that are missing. Safe to call on every start. */
  async ensure(names: readonly string[]): Promise<void> {
    await Promise.all(names.map((n) => this.table(n).createTable()));
  }

  /** Up to `max` table names of the account (throws what the service answers). */
  async listTableNames(max = 1_000): Promise<string[]> {
    const names: string[] = [];
    for await (const page of this.service().listTables().byPage({ maxPageSize: Math.min(max, 1_000) })) {
      for (const t of page) if (t.name) names.push(t.name);
      if (names.length >= max) break;
    }
    return names.slice(0, max);
  }

  /** True when the storage service answers (used by /readyz). */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    const service = this.service();
    const abort = AbortSignal.timeout(timeoutMs);
    try {
      const iter = service.listTables({ abortSignal: abort }).byPage({ maxPageSize: 1 });
      await iter.next();
      return true;
    } catch {
      return false;
    }
  }
}

export function statusOf(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'statusCode' in err ? (err as { statusCode?: number }).statusCode : undefined;
}

/** Reads one entity, or undefined when it does not exist. */
export async function getOrUndefined<T extends object>(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<(TableEntity<T> & { etag: string }) | undefined> {
  try {
    return (await table.getEntity<T>(partitionKey, rowKey)) as TableEntity<T> & { etag: string };
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

/** Collects a query into an array (for partitions known to be small). */
export async function listAll<T extends object>(
  table: TableClient,
  filter: string,
): Promise<(TableEntity<T> & { etag: string })[]> {
  const out: (TableEntity<T> & { etag: string })[] = [];
  for await (const e of table.listEntities<T>({ queryOptions: { filter } })) out.push(e as TableEntity<T> & { etag: string });
  return out;
}

/** Runs `ops` as transactions of at most 100 operations (one partition each). */
export async function submitInBatches(
  table: TableClient,
  ops: Parameters<TableClient['submitTransaction']>[0],
): Promise<void> {
  for (let i = 0; i < ops.length; i += 100) await table.submitTransaction(ops.slice(i, i + 100));
}

/** Row keys must not contain / \ # ? or control characters. */
export function safeKey(value: string): string {
  return value.replace(/[/\\#?\u0000-\u001f\u007f-\u009f]/g, '_');
}

/** A row key that sorts newest first. */
export function newestFirstKey(at: Date, suffix: string): string {
  return `${String(8_640_000_000_000_000 - at.getTime()).padStart(16, '0')}_${suffix}`;
}
