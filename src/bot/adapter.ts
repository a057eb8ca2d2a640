import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../core/log.js';
import { da } from '../i18n/da.js';
import { newCorrelationId } from './turn.js';

/**
 * The Bot Framework adapter. With an app id every request must carry a valid token
 * (the SDK answers 401 otherwise); without one the bot runs unauthenticated for local
 * use and the composition root logs a warning.
 */
export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    // Local mode has no app id, which SingleTenant (the default type) cannot express.
    MicrosoftAppType: config.bot.localMode ? 'MultiTenant' : config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
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
  return adapter;
}

/** A local-mode adapter (no app id, no authentication), for benchmarks and tests of the transport. */
export function localAdapter(): CloudAdapter {
  return new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' }),
  );
}
