import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Config } from '../config.js';

/**
 * Authentication of incoming requests, around the SDK's verifier. The SDK answers a
 * broken token with a mix of errors (some give 500) and prints the token's error and
 * the signing keys to stderr; here every failure becomes one of two outcomes, with a
 * short reason for the log and nothing else:
 *
 *   unauthorized  401: no token, not a JWT, alg none, unsigned, wrong key, expired, not
 *                 yet valid, wrong issuer or audience, serviceUrl claim mismatch, ...
 *   unavailable   503: the OpenID metadata or the signing keys could not be fetched.
 *
 * The token is checked twice: from the header alone before the body is read
 * (signature, issuer, audience, expiry, Teams endorsement), and with the activity
 * afterwards (the serviceUrl claim must match the activity's serviceUrl).
 */
/** The verified identity and outbound connector settings of a request (not exported by botbuilder). */
export type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

export type AuthOutcome =
  | { ok: true; result?: AuthenticateRequestResult }
  | { ok: false; status: 401 | 503; reason: string };

/** Test seam: where the signing keys come from (a local OpenID metadata double). */
export interface AuthOverrides {
  openIdMetadataUrl?: string;
}

const BEARER_JWT = /^Bearer [A-Za-z0-9_-]{2,8192}\.[A-Za-z0-9_-]{2,8192}\.[A-Za-z0-9_-]{0,8192}$/;

/** Inside the SDK's verifier, console.error is silenced (it prints keys and token errors). */
const inVerifier = new AsyncLocalStorage<true>();
let consoleFiltered = false;
function silenceVerifierConsole(): void {
  if (consoleFiltered) return;
  consoleFiltered = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (inVerifier.getStore()) return;
    original(...args);
  };
}

export class Authenticator {
  private readonly auth: ConfigurationBotFrameworkAuthentication;
  readonly enabled: boolean;

  constructor(config: Config, overrides: AuthOverrides = {}) {
    this.enabled = !config.bot.localMode;
    const options: ConfigurationBotFrameworkAuthenticationOptions = {
      MicrosoftAppId: config.bot.appId,
      MicrosoftAppPassword: config.bot.appPassword,
      // Local mode has no app id, which SingleTenant (the default type) cannot express.
      MicrosoftAppType: config.bot.localMode ? 'MultiTenant' : config.bot.appType,
      MicrosoftAppTenantId: config.bot.tenantId,
      ...(overrides.openIdMetadataUrl ? publicCloudWith(overrides.openIdMetadataUrl) : {}),
    };
    this.auth = new ConfigurationBotFrameworkAuthentication(options);
    if (this.enabled) silenceVerifierConsole();
  }

  /** The SDK object, for the adapter (outbound connector clients and credentials). */
  get botFrameworkAuthentication(): ConfigurationBotFrameworkAuthentication {
    return this.auth;
  }

  /** From the header alone, before the body is read. */
  async precheck(header: string | undefined): Promise<AuthOutcome> {
    if (!this.enabled) return { ok: true };
    if (!header) return { ok: false, status: 401, reason: 'no token' };
    if (!BEARER_JWT.test(header)) return { ok: false, status: 401, reason: 'not a bearer JWT' };
    return this.guard(async () => {
      await this.auth.authenticateStreamingRequest(header, 'msteams');
      return undefined;
    });
  }

  /** With the parsed activity: the full check, whose result the adapter uses for the turn. */
  async authenticate(activity: Activity, header: string | undefined): Promise<AuthOutcome> {
    if (!this.enabled) return this.guard(() => this.auth.authenticateRequest(activity, ''));
    if (!header || !BEARER_JWT.test(header)) return { ok: false, status: 401, reason: 'no token' };
    return this.guard(() => this.auth.authenticateRequest(activity, header));
  }

  private async guard(run: () => Promise<AuthenticateRequestResult | undefined>): Promise<AuthOutcome> {
    try {
      const result = await inVerifier.run(true, run);
      return result ? { ok: true, result } : { ok: true };
    } catch (e) {
      return classify(e);
    }
  }
}

function classify(e: unknown): AuthOutcome & { ok: false } {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { name?: string; message?: string; statusCode?: number; code?: string; type?: string };
  // node-fetch could not reach the metadata or key endpoint.
  if (err.name === 'FetchError' || err.name === 'AbortError') return { ok: false, status: 503, reason: `signing keys unavailable (${err.code ?? err.type ?? 'fetch failed'})` };
  // The SDK's own AuthenticationError: 500 means "Failed to load openID config / Keys: <status>".
  if (typeof err.statusCode === 'number' && err.statusCode >= 500) return { ok: false, status: 503, reason: `signing keys unavailable (${short(err.message)})` };
  if (err.name === 'TokenExpiredError') return { ok: false, status: 401, reason: 'expired' };
  if (err.name === 'NotBeforeError') return { ok: false, status: 401, reason: 'not yet valid' };
  if (err.name === 'JsonWebTokenError') return { ok: false, status: 401, reason: short(err.message) };
  return { ok: false, status: 401, reason: short(err.message) };
}

/** The first words of a verifier message, without any token or key material. */
function short(message: string | undefined): string {
  return (message ?? 'rejected').split(':')[0]!.trim().slice(0, 80) || 'rejected';
}

/**
 * The SDK's public-cloud settings with another OpenID metadata URL. The SDK uses these
 * parameters only when all of them are given, so they are spelled out here.
 */
function publicCloudWith(metadataUrl: string): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
