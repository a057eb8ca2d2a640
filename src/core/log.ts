import { pino, stdSerializers, symbols, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const CENSOR = '[skjult]';

/**
 * Keys whose values are secrets wherever they appear: passwords, client secrets,
 * tokens, authorization headers, cookies, connection strings, account keys, signatures.
 */
const SECRET_KEY = /pass(word|wd)?$|secret|token|authori[sz]ation|cookie|connection_?string|account_?key|api_?key|private_?key|credential|signature|^sig$/i;

/** Secrets inside strings: bearer tokens, JWTs, storage account keys and SAS signatures, key=value secrets. */
const SECRET_TEXT: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${CENSOR}`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, CENSOR],
  [/\b(AccountKey|SharedAccessSignature|SharedAccessKey|Password|Pwd)=[^;&\s"']+/gi, `$1=${CENSOR}`],
  [/(\b(?:sig|client_secret|secret|password|passwd|pwd|token|access_token|refresh_token|id_token)=)[^&;\s"']+/gi, `$1${CENSOR}`],
];

const MAX_DEPTH = 12;
const MAX_STRING = 4_000;

/** A quick test: does the string contain anything SECRET_TEXT would replace? */
const MAYBE_SECRET = /bearer|basic|eyJ|key=|signature=|password=|passwd=|pwd=|sig=|secret=|token=/i;

/** Replaces secrets in a string (and cuts very long strings). */
export function redactText(text: string): string {
  let out = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…` : text;
  if (!MAYBE_SECRET.test(out)) return out;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A copy of `value` with secrets censored at any depth: by key name (case-insensitive)
 * and by shape inside strings. Errors become plain objects (type, message, stack and
 * their own properties, e.g. an HTTP client's `config.headers`). Cycles and very deep
 * values are cut, so logging never throws.
 */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? String(value) : value;
  if (value instanceof Date) return value;
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (seen.has(value)) return '[cycle]';
  if (depth >= MAX_DEPTH) return '[…]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.slice(0, 100).map((v) => redact(v, depth + 1, seen));
    const source = value instanceof Error ? (stdSerializers.err(value) as unknown as Record<string, unknown>) : (value as Record<string, unknown>);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(source)) {
      const v = source[key];
      out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null && v !== '' && typeof v !== 'boolean' ? CENSOR : redact(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * Structured JSON logs. Secrets are redacted at any depth: in the logged object, in
 * child bindings and in the message; and message text from users is never logged (it
 * may contain personal data).
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'trio-bot' },
      formatters: {
        log: (object) => redact(object) as Record<string, unknown>,
      },
      // The error serializer runs after `formatters.log`; redacting here keeps it safe too.
      serializers: { err: (e: unknown) => redact(e) },
      hooks: {
        logMethod(args, method) {
          const out: unknown[] = args.map((a) => (typeof a === 'string' ? redactText(a) : a));
          // log.error(err) takes its message from the error: scrub that too.
          if (args[0] instanceof Error && typeof args[1] !== 'string') out.splice(1, 0, redactText(args[0].message));
          method.apply(this, out as Parameters<typeof method>);
        },
      },
    },
    destination as DestinationStream | undefined,
  );
  // pino does not format child bindings; children inherit this override (Object.create).
  const child = logger.child;
  logger.child = function (this: Logger, bindings: Record<string, unknown>, options?: unknown) {
    return child.call(this, redact(bindings) as Record<string, unknown>, options as Parameters<Logger['child']>[1]);
  } as Logger['child'];
  return logger;
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
