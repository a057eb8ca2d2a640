import type { TestProject } from 'vitest/node';
import { startAzurite, type EmbeddedAzurite } from '../../src/storage/azurite.js';

/**
 * One in-memory Azurite for the whole run. Each test file uses its own table prefix
 * (see test/support/storage.ts), so files never see each other's rows.
 */
let azurite: EmbeddedAzurite | undefined;

export async function setup(project: TestProject): Promise<void> {
  azurite = await startAzurite();
  project.provide('azuriteConnectionString', azurite.connectionString);
  project.provide('azuritePort', azurite.port);
}

export async function teardown(): Promise<void> {
  await azurite?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
    azuritePort: number;
  }
}
