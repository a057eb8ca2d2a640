import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, environmentWithDotEnv, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('has working defaults: local mode, embedded storage, port 3978', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3978);
    expect(c.bot.localMode).toBe(true);
    expect(c.storage.connectionString).toBe('');
    expect(c.workingHours).toEqual({ start: '07:00', end: '20:00' });
    expect(c.pulseMinGroup).toBe(5);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.bot)).toBe(true);
  });

  it('names the variable and the fix on bad values', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'abc', MicrosoftAppType: 'Nope', BOOTSTRAP_LEADERS: 'not-a-guid' });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const text = error.message;
    expect(text).toMatch(/PORT="abc"/);
    expect(text).toMatch(/MicrosoftAppType="Nope".*MultiTenant, SingleTenant or UserAssignedMSI/);
    expect(text).toMatch(/BOOTSTRAP_LEADERS/);
  });

  it('requires a password with an app id, and a tenant for single tenant', () => {
    expect(() => loadConfig({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555' })).toThrow(/MicrosoftAppPassword/);
    expect(() =>
      loadConfig({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }),
    ).toThrow(/MicrosoftAppTenantId/);
  });

  // A bot with an app id also needs the pulse's seal key (test/unit/pulse-seal.test.ts).
  const SEAL = { PULSE_SEAL_KEY: 'c2VhbC1rZXktb2YtdGhlLWNvbmZpZy10ZXN0LTMyYnk=' };
  const APP = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'secret', ...SEAL };
  const TENANT = '99999999-8888-7777-6666-555555555555';
  const ACCOUNT = { STORAGE_ACCOUNT_URL: 'https://trioprod.table.core.windows.net/' };

  it('is single tenant by default, and multi-tenant only when asked for', () => {
    expect(loadConfig({}).bot.appType).toBe('SingleTenant');
    expect(() => loadConfig({ ...APP, ...ACCOUNT })).toThrow(/MicrosoftAppTenantId is empty but MicrosoftAppType=SingleTenant \(the default\)/);
    const single = loadConfig({ ...APP, ...ACCOUNT, MicrosoftAppTenantId: TENANT });
    expect(single.bot).toMatchObject({ appType: 'SingleTenant', tenantId: TENANT, localMode: false });
    expect(loadConfig({ ...APP, ...ACCOUNT, MicrosoftAppType: 'MultiTenant' }).bot.appType).toBe('MultiTenant');
  });

  it('takes a user-assigned managed identity: a tenant, no secret, and the same identity for storage', () => {
    const msi = { MicrosoftAppId: APP.MicrosoftAppId, MicrosoftAppType: 'UserAssignedMSI', ...ACCOUNT, ...SEAL };
    expect(() => loadConfig(msi)).toThrow(/MicrosoftAppTenantId is empty but MicrosoftAppType=UserAssignedMSI/);
    expect(() => loadConfig({ ...msi, MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'x' })).toThrow(/a managed identity has no secret/);
    const c = loadConfig({ ...msi, MicrosoftAppTenantId: TENANT });
    expect(c.bot.appType).toBe('UserAssignedMSI');
    expect(c.storage.identityClientId).toBe(APP.MicrosoftAppId);
    const other = '22222222-3333-4444-5555-666666666666';
    expect(loadConfig({ ...msi, MicrosoftAppTenantId: TENANT, AZURE_CLIENT_ID: other }).storage.identityClientId).toBe(other);
  });

  it('refuses the embedded emulator for a real bot unless STORAGE=embedded says so', () => {
    const bot = { ...APP, MicrosoftAppTenantId: TENANT };
    expect(() => loadConfig(bot)).toThrow(/MicrosoftAppId is set but no storage is configured: set STORAGE_ACCOUNT_URL.*STORAGE=embedded starts it anyway/);
    expect(loadConfig({ ...bot, STORAGE: 'embedded' }).storage.mode).toBe('embedded');
    expect(loadConfig({}).storage.mode).toBe('embedded'); // local mode: the emulator is the default
    expect(() => loadConfig({ STORAGE: 'azure' })).toThrow(/STORAGE="azure".*embedded/);
  });

  it('chooses keyless storage from STORAGE_ACCOUNT_URL, and exactly one storage', () => {
    const c = loadConfig({ ...ACCOUNT });
    expect(c.storage).toMatchObject({ mode: 'accountUrl', accountUrl: 'https://trioprod.table.core.windows.net', connectionString: '', identityClientId: '' });
    expect(loadConfig({ STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).storage.mode).toBe('connectionString');
    expect(() => loadConfig({ ...ACCOUNT, STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' })).toThrow(/both set: keep one/);
    expect(() => loadConfig({ ...ACCOUNT, STORAGE: 'embedded' })).toThrow(/STORAGE=embedded but a storage account is configured/);
    expect(() => loadConfig({ STORAGE_ACCOUNT_URL: 'http://trioprod.table.core.windows.net' })).toThrow(/STORAGE_ACCOUNT_URL.*https:\/\//);
    expect(() => loadConfig({ STORAGE_ACCOUNT_URL: 'trioprod' })).toThrow(/STORAGE_ACCOUNT_URL.*Endpoints → Table service/);
  });

  it('never lets the pulse group size go below 3', () => {
    expect(() => loadConfig({ PULSE_MIN_GROUP: '2' })).toThrow(/PULSE_MIN_GROUP.*below 3/);
    expect(loadConfig({ PULSE_MIN_GROUP: '7' }).pulseMinGroup).toBe(7);
  });

  it('parses bootstrap leaders as lower-case ids and treats empty values as unset', () => {
    const c = loadConfig({ BOOTSTRAP_LEADERS: 'AAAAAAAA-1111-2222-3333-444444444444, bbbbbbbb-1111-2222-3333-444444444444', PORT: '' });
    expect(c.bootstrapLeaders).toEqual(['aaaaaaaa-1111-2222-3333-444444444444', 'bbbbbbbb-1111-2222-3333-444444444444']);
    expect(c.port).toBe(3978);
  });

  it('rejects working hours that end before they start', () => {
    expect(() => loadConfig({ WORKING_HOURS: '20:00-07:00' })).toThrow(/WORKING_HOURS/);
  });

  it('reads .env but lets the real environment win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trio-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, '# comment\nPORT=4000\nLOG_LEVEL="debug"\n');
    const env = environmentWithDotEnv({ PORT: '5000' }, file);
    expect(env.PORT).toBe('5000');
    expect(env.LOG_LEVEL).toBe('debug');
  });

  it('listens on loopback only in local mode, and refuses another host without an app id', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    for (const host of ['127.0.0.1', '::1', '[::1]', 'localhost', '127.0.0.2']) expect(loadConfig({ HOST: host }).host).toBe(host);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'trio.example.dk', '::ffff:10.0.0.1']) {
      expect(() => loadConfig({ HOST: host })).toThrow(ConfigError);
    }
    const message = (() => {
      try {
        loadConfig({ HOST: '0.0.0.0' });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(message).toContain('HOST="0.0.0.0"');
    expect(message).toMatch(/loopback/);
    expect(message).toMatch(/Unset HOST.*or set MicrosoftAppId and MicrosoftAppPassword/);
  });

  it('listens on every interface by default once an app id is set', () => {
    const teams = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x', MicrosoftAppType: 'MultiTenant', STORAGE: 'embedded', ...SEAL };
    expect(loadConfig(teams).host).toBe('0.0.0.0');
    expect(loadConfig({ ...teams, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });

  it('allows the app tenant by default, or the tenants listed in ALLOWED_TENANTS', () => {
    const teams = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x', MicrosoftAppType: 'MultiTenant', STORAGE: 'embedded', ...SEAL };
    expect(loadConfig(teams).bot.allowedTenants).toEqual([]);
    const tenant = 'AAAAAAAA-0000-4000-8000-000000000001';
    expect(loadConfig({ ...teams, MicrosoftAppTenantId: tenant }).bot.allowedTenants).toEqual([tenant.toLowerCase()]);
    const other = 'bbbbbbbb-0000-4000-8000-000000000002';
    expect(loadConfig({ ...teams, MicrosoftAppTenantId: tenant, ALLOWED_TENANTS: `${other}, ${tenant}` }).bot.allowedTenants).toEqual([other, tenant.toLowerCase()]);
    expect(() => loadConfig({ ALLOWED_TENANTS: 'contoso' })).toThrow(/ALLOWED_TENANTS="contoso".*tenant id/);
  });

  it('takes a readiness token of at least 32 characters', () => {
    expect(loadConfig({}).readinessToken).toBeUndefined();
    expect(loadConfig({ READINESS_TOKEN: 'x'.repeat(32) }).readinessToken).toBe('x'.repeat(32));
    expect(() => loadConfig({ READINESS_TOKEN: 'short' })).toThrow(/READINESS_TOKEN/);
  });
});
