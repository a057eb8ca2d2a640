import { TableClient, TableServiceClient, type TableEntity } from '@azure/data-tables';

/**
 * Table access for every feature. Each feature names its tables; the prefix keeps
 * several deployments (or test runs) apart in one account.
 */
export class Storage {
  private readonly clients = new Map<string, TableClient>();
  private readonly options: { allowInsecureConnection: boolean };

  constructor(
    private readonly connectionString: string,
    readonly prefix: string,
  ) {
    this.options = { allowInsecureConnection: /http:\/\//i.test(connectionString) || /UseDevelopmentStorage=true/i.test(connectionString) };
  }

  /** The client for a logical table name such as "Actions". */
  table(name: string): TableClient {
    let client = this.clients.get(name);
    if (!client) {
      client = TableClient.fromConnectionString(this.connectionString, `${this.prefix}${name}`, this.options);
      this.clients.set(name, client);
    }
    return client;
  }

  /** Creates the tables that are missing. Safe to call on every start. */
  async ensure(names: readonly string[]): Promise<void> {
    await Promise.all(names.map((n) => this.table(n).createTable()));
  }

  /** True when the storage service answers (used by /readyz). */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    const service = TableServiceClient.fromConnectionString(this.connectionString, this.options);
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
