import { pino, symbols, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Secrets are redacted by path wherever they might appear,
 * and message text from users is never logged (it may contain personal data).
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'trio-bot' },
      redact: {
        paths: ['*.MicrosoftAppPassword', '*.appPassword', '*.password', '*.authorization', '*.headers.authorization', '*.connectionString', '*.secret', 'req.headers.authorization'],
        censor: '[skjult]',
      },
    },
    destination as DestinationStream | undefined,
  );
}

/**
 * A child whose lines carry the time to the minute only, for actions that must not
 * record when a person acted (VerbDef.anonymous). Its own children inherit this.
 */
export function minuteLogger(log: Logger, bindings: Record<string, unknown> = {}): Logger {
  const child = log.child(bindings);
  (child as unknown as Record<symbol, () => string>)[symbols.timeSym] = () => `,"time":${Math.floor(Date.now() / 60_000) * 60_000}`;
  return child;
}
