import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import type { Logger } from '../core/log.js';
import { noTelemetry, type Telemetry } from '../core/telemetry.js';
import { otelTelemetry } from './otel.js';

/**
 * Chooses the exporter from the configuration: Application Insights when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set (@azure/monitor-opentelemetry), OTLP over
 * HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set (both when both are), nothing otherwise.
 * The OpenTelemetry packages are loaded only when they are used.
 */
export async function startTelemetry(config: Config, log: Logger): Promise<Telemetry> {
  const t = config.telemetry;
  if (!t.appInsightsConnectionString && !t.otlpEndpoint) return noTelemetry;
  const { metrics, trace } = await import('@opentelemetry/api');
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  const version = packageVersion();
  const resource = resourceFromAttributes({
    'service.name': t.serviceName,
    'service.version': version,
    'service.instance.id': `${hostname()}-${process.pid}`,
  });
  const otlp = t.otlpEndpoint ? await otlpPipeline(t.otlpEndpoint, t.metricExportIntervalMs) : undefined;

  if (t.appInsightsConnectionString) {
    const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString: t.appInsightsConnectionString },
      resource,
      // Every trace (a bot's volume is small); the default rate limiter drops the first spans.
      samplingRatio: 1,
      tracesPerSecond: 0,
      // Our own spans describe turns, card actions, jobs and sends. The automatic HTTP spans
      // would put conversation ids (the connector's URLs) into Application Insights.
      instrumentationOptions: { http: { enabled: false }, azureSdk: { enabled: false }, mongoDb: { enabled: false }, mySql: { enabled: false }, postgreSql: { enabled: false }, redis: { enabled: false } },
      ...(otlp ? { spanProcessors: [otlp.spanProcessor], metricReaders: [otlp.metricReader] } : {}),
    });
    log.info({ event: 'telemetry.started', exporters: otlp ? ['applicationInsights', 'otlp'] : ['applicationInsights'] }, 'telemetry: Application Insights');
    return otelTelemetry(trace.getTracer('trio-bot', version), metrics.getMeter('trio-bot', version), () => shutdownAzureMonitor());
  }

  // OTLP only: providers of our own, not registered globally (several apps may share a test process).
  const { BasicTracerProvider } = await import('@opentelemetry/sdk-trace-base');
  const { MeterProvider } = await import('@opentelemetry/sdk-metrics');
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors: [otlp!.spanProcessor] });
  const meterProvider = new MeterProvider({ resource, readers: [otlp!.metricReader] });
  log.info({ event: 'telemetry.started', exporters: ['otlp'], endpoint: t.otlpEndpoint }, 'telemetry: OTLP');
  return otelTelemetry(tracerProvider.getTracer('trio-bot', version), meterProvider.getMeter('trio-bot', version), async () => {
    await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
  });
}

async function otlpPipeline(endpoint: string, exportIntervalMillis: number) {
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const { OTLPMetricExporter } = await import('@opentelemetry/exporter-metrics-otlp-http');
  const { BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const { PeriodicExportingMetricReader } = await import('@opentelemetry/sdk-metrics');
  return {
    spanProcessor: new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }), { scheduledDelayMillis: Math.min(5_000, exportIntervalMillis) }),
    metricReader: new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }), exportIntervalMillis, exportTimeoutMillis: Math.min(30_000, exportIntervalMillis) }),
  };
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '';
  } catch {
    return '';
  }
}
