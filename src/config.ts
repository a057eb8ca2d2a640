import { existsSync, readFileSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { AppError } from './core/errors.js';
import { parseDeploymentPolicies, PolicyCatalog } from './sickness/policy.js';

/**
 * The only module that reads the environment. `loadConfig(env)` is a pure function of
 * the env object it is given, so tests pass their own. A bad value stops start-up with
 * a message that names the variable and says how to fix it.
 */

const bool = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: `${name} must be true or false` })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const guidList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[0-9a-fA-F-]{8,}$/, 'each entry must be an AAD object id (a GUID)')));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Default: 127.0.0.1 in local mode (no app id), 0.0.0.0 with an app id. */
  HOST: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppTenantId: z.string().default(''),
  // New Azure Bots cannot be multi-tenant (since 31 July 2025): single tenant by default.
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  STORAGE: z.enum(['embedded'], { message: 'the only value is embedded (or leave it unset)' }).optional(),
  STORAGE_CONNECTION_STRING: z.string().default(''),
  STORAGE_ACCOUNT_URL: z
    .string()
    .url('must be the table endpoint of the storage account, e.g. https://trioprod.table.core.windows.net')
    .refine((u) => /^https:\/\//i.test(u), 'must start with https:// (tokens are only sent over HTTPS)')
    .optional(),
  /** Read by the Azure SDK too: the client id of a user-assigned managed identity. */
  AZURE_CLIENT_ID: z.string().optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,19}$/, 'use letters and digits only, starting with a letter (max 20)')
    .default('trio'),
  BOOTSTRAP_LEADERS: guidList.default([]),
  PUBLIC_BASE_URL: z.string().url('must be a URL such as https://trio.example.dk').optional(),
  DOWNLOAD_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SCHEDULER_ENABLED: bool('SCHEDULER_ENABLED').default(true),
  APP_SEND_RATE_PER_SECOND: z.coerce.number().int('use a whole number').min(1).max(50, 'Teams allows at most 50 per second per app per tenant').default(50),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(2, 'give shutdown at least 2 seconds').max(300).default(10),
  WORKING_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM-HH:MM, e.g. 07:00-20:00')
    .default('07:00-20:00'),
  PULSE_MIN_GROUP: z.coerce.number().int().min(3, 'can never be below 3').default(5),
  PULSE_SEAL_KEY: z.string().refine(isSealKey, 'must be at least 32 random bytes, base64 or hex').optional(),
  PULSE_SEAL_KEY_FILE: z.string().min(1).default('.pulse-seal.key'),
  ALLOWED_TENANTS: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'each entry must be a tenant id (a GUID)')))
    .optional(),
  READINESS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The deployment's own fraværspolitik models as JSON (checked below, with the others). */
  SICKNESS_POLICY: z.string().optional(),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().regex(/InstrumentationKey=/i, 'must be the connection string of the Application Insights resource (InstrumentationKey=...;IngestionEndpoint=...)').optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url('must be the base URL of an OTLP/HTTP collector, e.g. http://otel-collector:4318').optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('trio-bot'),
  OTEL_METRIC_EXPORT_INTERVAL: z.coerce.number().int().min(100).default(60_000),
  GRAPH_INSTALL_TEAMS_APP_ID: z
    .string()
    .regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, "must be TRIO-bot's App ID in your organisation's app catalog (a GUID)")
    .optional(),
  GRAPH_BASE_URL: z.string().url('must be the Microsoft Graph base URL, e.g. https://graph.microsoft.com').default('https://graph.microsoft.com'),
});

/** 32 or more bytes as base64 (standard or URL-safe) or hex: src/pulse/seal.ts decodes it. */
function isSealKey(v: string): boolean {
  const s = v.trim();
  if (/^[0-9a-fA-F]+$/.test(s) && s.length % 2 === 0) return s.length >= 64;
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(s) && Buffer.from(s, 'base64').length >= 32;
}

export type RawEnv = Readonly<Record<string, string | undefined>>;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  readonly bot: {
    readonly appId: string;
    readonly appPassword: string;
    readonly tenantId: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    /** No app id: the bot accepts unauthenticated requests (local only, loopback only). */
    readonly localMode: boolean;
    /** Tenant ids (lower case) whose activities are accepted; empty = any tenant. */
    readonly allowedTenants: readonly string[];
  };
  /** Bearer token that unlocks the details of /readyz; unset = status only. */
  readonly readinessToken?: string;
  readonly storage: {
    /**
     * embedded: Azurite as a child process (development only, all data in its memory);
     * connectionString: a shared key; accountUrl: Entra ID (DefaultAzureCredential, e.g. managed identity).
     */
    readonly mode: 'embedded' | 'connectionString' | 'accountUrl';
    /** Set when mode is connectionString. */
    readonly connectionString: string;
    /** Set when mode is accountUrl (no trailing slash). */
    readonly accountUrl: string;
    /**
     * The user-assigned managed identity for storage: AZURE_CLIENT_ID, else the bot's own
     * identity with MicrosoftAppType=UserAssignedMSI; empty = the system-assigned one or a developer login.
     */
    readonly identityClientId: string;
    readonly dataDir: string;
    readonly tablePrefix: string;
  };
  readonly bootstrapLeaders: readonly string[];
  readonly publicBaseUrl?: string;
  readonly downloadSecret?: string;
  /** appRatePerSecond: per tenant, shared by all instances (the outbox's send budget). */
  readonly scheduler: { readonly enabled: boolean; readonly appRatePerSecond: number };
  /** On SIGTERM the process is gone within this time, whatever the connector does. */
  readonly shutdownGraceMs: number;
  readonly workingHours: { readonly start: string; readonly end: string };
  readonly pulseMinGroup: number;
  /** Proactive installation through Microsoft Graph (src/reach/graph.ts); off when teamsAppId is empty. */
  readonly graphInstall: { readonly teamsAppId: string; readonly baseUrl: string };
  readonly telemetry: {
    /** Application Insights (Azure Monitor OpenTelemetry); empty = off. */
    readonly appInsightsConnectionString: string;
    /** OTLP/HTTP base URL (without /v1/traces); empty = off. */
    readonly otlpEndpoint: string;
    readonly serviceName: string;
    readonly metricExportIntervalMs: number;
  };
  /** Seals pulse ballots while a round is open (base64/hex). Absent: local mode makes one in `pulseSealKeyFile`. */
  readonly pulseSealKey?: string;
  readonly pulseSealKeyFile: string;
  /** SICKNESS_POLICY as given: one model or a list, as JSON (README, "Fraværspolitikken som data"). */
  readonly sicknessPolicy?: string;
}

export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('CONFIG', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const FIXES: Record<string, string> = {
  PORT: 'set PORT to a free TCP port such as 3978',
  MicrosoftAppType: 'use MultiTenant, SingleTenant or UserAssignedMSI; SingleTenant is the default',
  STORAGE_ACCOUNT_URL: 'Azure portal → the storage account → Endpoints → Table service',
  BOOTSTRAP_LEADERS: 'a comma-separated list of AAD object ids (see README, "First leaders")',
  TABLE_PREFIX: 'or leave it unset',
  LOG_LEVEL: 'use info, debug, warn or error',
  PULSE_SEAL_KEY: 'generate one with: openssl rand -base64 32 (in Azure keep it in Key Vault)',
  ALLOWED_TENANTS: 'a comma-separated list of Azure AD tenant ids (Azure portal → Microsoft Entra ID → Tenant ID)',
  READINESS_TOKEN: 'or leave it unset: /readyz then answers with its status only',
  SICKNESS_POLICY: 'a JSON model or list of models (README, "Fraværspolitikken som data"), or leave it unset for 1-3-10',
};

/** Never echoed in an error message. */
const SECRETS = new Set(['PULSE_SEAL_KEY']);

export function loadConfig(env: RawEnv): Config {
  const parsed = EnvSchema.safeParse(emptyToUndefined(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0]);
        const fix = FIXES[name];
        const value = SECRETS.has(name) ? '(hidden)' : JSON.stringify(env[name] ?? '');
        return `${name}=${value}: ${i.message}${fix ? ` (${fix})` : ''}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.MicrosoftAppId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppPassword is empty but MicrosoftAppId is set: add the client secret from the Azure Bot registration');
  }
  if (e.MicrosoftAppType !== 'MultiTenant' && e.MicrosoftAppId && !e.MicrosoftAppTenantId) {
    problems.push(
      `MicrosoftAppTenantId is empty but MicrosoftAppType=${e.MicrosoftAppType}${e.MicrosoftAppType === 'SingleTenant' ? ' (the default)' : ''}: set the directory (tenant) id of the app registration`,
    );
  }
  if (e.MicrosoftAppId && !e.PULSE_SEAL_KEY) {
    problems.push(
      'PULSE_SEAL_KEY is empty but MicrosoftAppId is set: pulse ballots are sealed with this key while a round is open. Generate one with `openssl rand -base64 32` and keep it outside the database (in Azure: a Key Vault secret referenced from the app settings)',
    );
  }
  if (e.MicrosoftAppType === 'UserAssignedMSI' && e.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword is set but MicrosoftAppType=UserAssignedMSI: a managed identity has no secret, remove it');
  }
  problems.push(...storageProblems(e));
  try {
    new PolicyCatalog(parseDeploymentPolicies(e.SICKNESS_POLICY));
  } catch (err) {
    problems.push(`${(err as Error).message} (${FIXES.SICKNESS_POLICY})`);
  }
  const localMode = e.MicrosoftAppId === '';
  const host = e.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0');
  if (localMode && !isLoopback(host)) {
    problems.push(
      `HOST=${JSON.stringify(host)}: without MicrosoftAppId the bot accepts unauthenticated requests, so it listens only on loopback. ` +
        'Unset HOST (or use 127.0.0.1), or set MicrosoftAppId and MicrosoftAppPassword to require Bot Framework tokens',
    );
  }
  if (problems.length) throw new ConfigError(problems);
  const allowedTenants = (e.ALLOWED_TENANTS ?? (e.MicrosoftAppTenantId ? [e.MicrosoftAppTenantId] : [])).map((id) => id.toLowerCase());
  const [start, end] = e.WORKING_HOURS.split('-') as [string, string];
  if (start >= end) throw new ConfigError([`WORKING_HOURS=${e.WORKING_HOURS}: the start must be before the end`]);
  return deepFreeze({
    port: e.PORT,
    host,
    logLevel: e.LOG_LEVEL,
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      tenantId: e.MicrosoftAppTenantId,
      appType: e.MicrosoftAppType,
      localMode,
      allowedTenants,
    },
    ...(e.READINESS_TOKEN ? { readinessToken: e.READINESS_TOKEN } : {}),
    storage: {
      mode: e.STORAGE_CONNECTION_STRING ? 'connectionString' : e.STORAGE_ACCOUNT_URL ? 'accountUrl' : 'embedded',
      connectionString: e.STORAGE_CONNECTION_STRING,
      accountUrl: (e.STORAGE_ACCOUNT_URL ?? '').replace(/\/+$/, ''),
      identityClientId: e.AZURE_CLIENT_ID ?? (e.MicrosoftAppType === 'UserAssignedMSI' ? e.MicrosoftAppId : ''),
      dataDir: e.DATA_DIR,
      tablePrefix: e.TABLE_PREFIX,
    },
    bootstrapLeaders: e.BOOTSTRAP_LEADERS.map((id) => id.toLowerCase()),
    ...(e.PUBLIC_BASE_URL ? { publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, '') } : {}),
    ...(e.DOWNLOAD_SECRET ? { downloadSecret: e.DOWNLOAD_SECRET } : {}),
    scheduler: { enabled: e.SCHEDULER_ENABLED, appRatePerSecond: e.APP_SEND_RATE_PER_SECOND },
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1_000,
    workingHours: { start, end },
    pulseMinGroup: e.PULSE_MIN_GROUP,
    graphInstall: { teamsAppId: e.GRAPH_INSTALL_TEAMS_APP_ID ?? '', baseUrl: e.GRAPH_BASE_URL.replace(/\/+$/, '') },
    telemetry: {
      appInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING ?? '',
      otlpEndpoint: (e.OTEL_EXPORTER_OTLP_ENDPOINT ?? '').replace(/\/+$/, ''),
      serviceName: e.OTEL_SERVICE_NAME,
      metricExportIntervalMs: e.OTEL_METRIC_EXPORT_INTERVAL,
    },
    ...(e.PULSE_SEAL_KEY ? { pulseSealKey: e.PULSE_SEAL_KEY.trim() } : {}),
    pulseSealKeyFile: e.PULSE_SEAL_KEY_FILE,
    ...(e.SICKNESS_POLICY ? { sicknessPolicy: e.SICKNESS_POLICY } : {}),
  });
}

/**
 * One storage, chosen on purpose. The embedded emulator keeps everything in its memory and
 * is a dev dependency: with an app id (a real Teams bot) it must be asked for by name.
 */
function storageProblems(e: z.infer<typeof EnvSchema>): string[] {
  if (e.STORAGE_CONNECTION_STRING && e.STORAGE_ACCOUNT_URL) {
    return ['STORAGE_CONNECTION_STRING and STORAGE_ACCOUNT_URL are both set: keep one (STORAGE_ACCOUNT_URL for a managed identity)'];
  }
  if (e.STORAGE === 'embedded' && (e.STORAGE_CONNECTION_STRING || e.STORAGE_ACCOUNT_URL)) {
    return ['STORAGE=embedded but a storage account is configured as well: remove STORAGE, or the account settings'];
  }
  if (e.MicrosoftAppId && !e.STORAGE_CONNECTION_STRING && !e.STORAGE_ACCOUNT_URL && e.STORAGE !== 'embedded') {
    return [
      'MicrosoftAppId is set but no storage is configured: set STORAGE_ACCOUNT_URL (Entra ID, e.g. a managed identity) or STORAGE_CONNECTION_STRING. ' +
        'The embedded emulator holds all data in memory and is for development only; STORAGE=embedded starts it anyway',
    ];
  }
  return [];
}

/** Reads ./.env (if present) into a copy of the environment; real env wins. */
export function environmentWithDotEnv(env: RawEnv, file = '.env'): RawEnv {
  if (!existsSync(file)) return env;
  const fromFile: Record<string, string> = {};
  // process.loadEnvFile would mutate process.env; parse into a copy instead.
  const text = readFileSync(file, 'utf8');
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (!m) continue;
    fromFile[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return { ...fromFile, ...env };
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** 127.0.0.0/8, ::1 (also written out or IPv4-mapped) or the name localhost. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  const family = isIP(h);
  return family !== 0 && LOOPBACK.check(h, family === 6 ? 'ipv6' : 'ipv4');
}

function emptyToUndefined(env: RawEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) out[k] = v === '' ? undefined : v;
  return out;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
