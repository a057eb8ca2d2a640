import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('outbox configuration', () => {
  it("defaults to Teams' published limit and a 10-second shutdown", () => {
    const config = loadConfig({});
    expect(config.scheduler.appRatePerSecond).toBe(50);
    expect(config.shutdownGraceMs).toBe(10_000);
    expect(loadConfig({ APP_SEND_RATE_PER_SECOND: '30', SHUTDOWN_GRACE_SECONDS: '25' })).toMatchObject({ scheduler: { appRatePerSecond: 30 }, shutdownGraceMs: 25_000 });
  });

  it('refuses a rate above the tenant limit and a grace period too short to hand jobs back', () => {
    expect(() => loadConfig({ APP_SEND_RATE_PER_SECOND: '60' })).toThrow(/APP_SEND_RATE_PER_SECOND="60": Teams allows at most 50 per second per app per tenant/);
    expect(() => loadConfig({ APP_SEND_RATE_PER_SECOND: '12.5' })).toThrow(ConfigError);
    expect(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: '1' })).toThrow(/SHUTDOWN_GRACE_SECONDS="1": give shutdown at least 2 seconds/);
  });
});
