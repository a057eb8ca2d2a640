/**
 * The telemetry port: what the bot measures, without any OpenTelemetry types. The
 * composition root hands every part the same Telemetry (src/telemetry/ builds the
 * OpenTelemetry one when an exporter is configured); the default records nothing.
 *
 * Privacy: attributes are kinds, verbs, outcomes and status codes. Never a user id, a
 * conversation id, a name or message text (a personal chat's id points at a person).
 */

export type Attributes = Readonly<Record<string, string | number | boolean>>;

/** Every metric, with its OpenTelemetry name and unit: the contract with dashboards and alerts. */
export const METRICS = {
  /** Proactive messages the Teams connector accepted. */
  messagesSent: { name: 'trio.messages.sent', type: 'counter', unit: '{message}', description: 'Proactive messages accepted by the Teams connector' },
  /** Send attempts that failed transiently (412/429/5xx, no answer) and were tried again or handed back. */
  messagesRetried: { name: 'trio.messages.retried', type: 'counter', unit: '{attempt}', description: 'Send attempts that failed transiently and are retried' },
  /** Messages given up on (a final error, or too many attempts). */
  messagesFailed: { name: 'trio.messages.failed', type: 'counter', unit: '{message}', description: 'Proactive messages that failed for good' },
  /** Messages to someone who blocked or removed the bot (403). */
  messagesBlocked: { name: 'trio.messages.blocked', type: 'counter', unit: '{message}', description: 'Proactive messages refused because the recipient blocked or removed the bot' },
  /** 429 answers from the connector. */
  throttled: { name: 'trio.connector.throttled', type: 'counter', unit: '{response}', description: '429 Too Many Requests answers from the Teams connector' },
  /** From when a job was due (its delivery time, after quiet hours) to when it was sent. */
  reminderLag: { name: 'trio.reminder.lag', type: 'histogram', unit: 's', description: 'Delay from a job being due to its message being sent' },
  /** Jobs due now and not yet sent (read from storage at each export). */
  backlog: { name: 'trio.outbox.backlog', type: 'gauge', unit: '{job}', description: 'Jobs that are due and not yet sent' },
  /** One incoming activity, from the HTTP request to the last reply. */
  turnDuration: { name: 'trio.turn.duration', type: 'histogram', unit: 'ms', description: 'Time to handle one incoming Teams activity' },
} as const;

export type MetricKey = keyof typeof METRICS;
type OfType<T extends string> = { [K in MetricKey]: (typeof METRICS)[K]['type'] extends T ? K : never }[MetricKey];
export type CounterKey = OfType<'counter'>;
export type HistogramKey = OfType<'histogram'>;
export type GaugeKey = OfType<'gauge'>;

/** The spans: a turn, a card action, a job and one send (with its attempts). */
export type SpanName = 'turn' | 'card.action' | 'job' | 'send';

export interface Span {
  /** Adds attributes (e.g. the outcome once known). */
  set(attributes: Attributes): void;
}

export interface Telemetry {
  /** Runs `fn` in a span (nested spans become its children); an exception marks it failed and is rethrown. */
  span<T>(name: SpanName, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T>;
  count(metric: CounterKey, value?: number, attributes?: Attributes): void;
  record(metric: HistogramKey, value: number, attributes?: Attributes): void;
  /** Registers a gauge read at each export; the callback may query storage. */
  observe(metric: GaugeKey, read: () => Promise<number> | number): void;
  /** Exports what is buffered and stops the exporters (called once at shutdown). */
  shutdown(): Promise<void>;
}

const noSpan: Span = { set: () => undefined };

/** Records nothing: the default when no exporter is configured, and for tests that do not look. */
export const noTelemetry: Telemetry = {
  span: (_name, _attributes, fn) => fn(noSpan),
  count: () => undefined,
  record: () => undefined,
  observe: () => undefined,
  shutdown: async () => undefined,
};
