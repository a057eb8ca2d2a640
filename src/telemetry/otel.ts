import { AsyncLocalStorage } from 'node:async_hooks';
import { context as otelContext, SpanStatusCode, trace, type Context, type Meter, type Tracer } from '@opentelemetry/api';
import { METRICS, type Attributes, type CounterKey, type GaugeKey, type HistogramKey, type SpanName, type Telemetry } from '../core/telemetry.js';

/**
 * The Telemetry port on OpenTelemetry's API: one tracer and one meter, whatever exports
 * them (src/telemetry/setup.ts). Parent spans are tracked with our own AsyncLocalStorage,
 * so nesting (a send inside its job) works without registering a global context manager.
 */
export function otelTelemetry(tracer: Tracer, meter: Meter, shutdown: () => Promise<void>): Telemetry {
  const active = new AsyncLocalStorage<Context>();
  const counters = new Map<CounterKey, ReturnType<Meter['createCounter']>>();
  const histograms = new Map<HistogramKey, ReturnType<Meter['createHistogram']>>();
  const counter = (key: CounterKey) => {
    let c = counters.get(key);
    if (!c) counters.set(key, (c = meter.createCounter(METRICS[key].name, { unit: METRICS[key].unit, description: METRICS[key].description })));
    return c;
  };
  const histogram = (key: HistogramKey) => {
    let h = histograms.get(key);
    if (!h) histograms.set(key, (h = meter.createHistogram(METRICS[key].name, { unit: METRICS[key].unit, description: METRICS[key].description })));
    return h;
  };
  return {
    async span<T>(name: SpanName, attributes: Attributes, fn: (span: { set(a: Attributes): void }) => Promise<T>): Promise<T> {
      const parent = active.getStore() ?? otelContext.active();
      const span = tracer.startSpan(name, { attributes }, parent);
      try {
        const result = await active.run(trace.setSpan(parent, span), () => fn({ set: (a) => span.setAttributes(a) }));
        return result;
      } catch (err) {
        // The type and code only: messages can carry keys or ids.
        const code = (err as { code?: unknown }).code;
        span.recordException({ name: err instanceof Error ? err.name : 'Error', message: typeof code === 'string' ? code : '' });
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
        throw err;
      } finally {
        span.end();
      }
    },
    count(metric, value = 1, attributes = {}) {
      counter(metric).add(value, attributes);
    },
    record(metric, value, attributes = {}) {
      histogram(metric).record(value, attributes);
    },
    observe(metric: GaugeKey, read) {
      const gauge = meter.createObservableGauge(METRICS[metric].name, { unit: METRICS[metric].unit, description: METRICS[metric].description });
      gauge.addCallback(async (result) => {
        try {
          result.observe(await read());
        } catch {
          // A failed read (storage away) skips one data point; readiness reports the outage.
        }
      });
    },
    shutdown,
  };
}
