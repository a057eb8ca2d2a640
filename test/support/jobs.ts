import type { Job } from '../../src/outbox/types.js';

/** A job as the sender gets it: claimed ('sending'), to one user, due at the epoch. */
export function sendingJob(extra: Partial<Job> = {}): Job {
  return {
    key: 'test:1',
    kind: 'test',
    workplaceId: 'wp',
    target: { kind: 'user', aadObjectId: 'aad-1' },
    dueAt: new Date(0),
    payload: {},
    urgent: false,
    status: 'sending',
    attempts: 0,
    deliverAt: new Date(0),
    createdAt: new Date(0),
    ...extra,
  };
}
