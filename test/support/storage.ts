import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { Storage } from '../../src/storage/tables.js';

/** Storage on the run's Azurite with a fresh table prefix, so tests never share rows. */
export function testStorage(): Storage {
  return new Storage(inject('azuriteConnectionString'), `t${randomBytes(5).toString('hex')}`);
}

export function azuriteConnectionString(): string {
  return inject('azuriteConnectionString');
}
