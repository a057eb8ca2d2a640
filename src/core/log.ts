import { pino, type DestinationStream, type Logger } from 'pino';

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
