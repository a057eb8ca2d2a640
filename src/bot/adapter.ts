import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../core/log.js';
import { da } from '../i18n/da.js';
import { Authenticator, type AuthenticateRequestResult, type AuthOverrides } from './auth.js';
import { newCorrelationId } from './turn.js';

/**
 * The Bot Framework adapter. Requests are authenticated by the endpoint (endpoint.ts,
 * through auth.ts) before the adapter runs a turn with the result; without an app id
 * the bot runs unauthenticated for local use (loopback only, see config.ts) and the
 * composition root logs a warning.
 */
export class TrioAdapter extends CloudAdapter {
  constructor(auth: ConfigurationBotFrameworkAuthentication) {
    super(auth);
  }

  /** Runs a turn for an activity the endpoint has already parsed and authenticated. */
  run(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

export function createAdapter(config: Config, log: Logger, overrides: AuthOverrides = {}): { adapter: TrioAdapter; authenticator: Authenticator } {
  const authenticator = new Authenticator(config, overrides);
  const adapter = new TrioAdapter(authenticator.botFrameworkAuthentication);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Only reached for faults outside the dispatcher (which handles its own errors).
    const ref = newCorrelationId();
    log.error(
      { err: error, ref, conversationId: context.activity.conversation?.id, activityId: context.activity.id, type: context.activity.type },
      'unhandled turn error',
    );
    if (context.activity.type === 'message') {
      await context.sendActivity(da.apology(ref)).catch(() => undefined);
    }
  };
  return { adapter, authenticator };
}

/** A local-mode adapter (no app id, no authentication), for benchmarks and tests of the transport. */
export function localAdapter(): CloudAdapter {
  return new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' }),
  );
}
