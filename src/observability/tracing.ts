import { diag, DiagLogLevel, isSpanContextValid, trace, type DiagLogger } from '@opentelemetry/api';
import type { Logger } from 'pino';

/** What turns tracing on, read from the standard OTEL_* variables (src/config/variables.ts checks them). */
export interface TracingConfig {
  /** `http/protobuf` (the specification's default) or `http/json`. */
  readonly protocol: 'http/protobuf' | 'http/json';
}

export interface Tracing {
  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

const SERVICE_NAME = 'wechat-open-account-gateway';

/**
 * Starts the OpenTelemetry SDK: W3C trace context in and out, spans batched to an OTLP/HTTP
 * collector. Everything else is the SDK's own reading of the standard variables: where to send
 * (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, with their _HEADERS,
 * _TIMEOUT, _COMPRESSION), what to keep (OTEL_TRACES_SAMPLER, OTEL_TRACES_SAMPLER_ARG; by default
 * every trace the caller sampled, and every trace it starts), the batch (OTEL_BSP_*) and the
 * resource (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES).
 *
 * No auto-instrumentation: the gateway makes its own spans (HTTP request, GraphQL operation,
 * WeChat calls, token fetches, store round trips) with attributes it builds, so no URL (which
 * holds an access token), header or body ever reaches an exporter.
 */
export function startTracing(config: TracingConfig, logger: Logger): Tracing {
  // The SDK, its exporters and protobuf are loaded only here: about 20 MB of resident memory
  // that a gateway without tracing (the default) does not carry.
  const { OTLPTraceExporter: JsonExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { OTLPTraceExporter: ProtobufExporter } = require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto');
  const { defaultResource, detectResources, envDetector, resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  diag.setLogger(diagToPino(logger), DiagLogLevel.WARN);
  const exporter = config.protocol === 'http/json' ? new JsonExporter() : new ProtobufExporter();
  const provider = new NodeTracerProvider({
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the env detector) win over our default name.
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': SERVICE_NAME })).merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  logger.info({ protocol: config.protocol }, 'tracing: exporting spans over OTLP/HTTP');
  return { shutdown: () => provider.shutdown() };
}

/**
 * `trace_id` and `span_id` of the span a log line is written in, so logs and traces join (pino's
 * `mixin`). Nothing when no span is active or tracing is off.
 */
export function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (span === undefined) return {};
  const context = span.spanContext();
  return isSpanContextValid(context) ? { trace_id: context.traceId, span_id: context.spanId } : {};
}

/** The SDK's own complaints (an unreachable collector, a bad sampler variable) as log lines. */
function diagToPino(logger: Logger): DiagLogger {
  const log = (level: 'error' | 'warn' | 'info' | 'debug' | 'trace') => (message: string) => logger[level]({ component: 'opentelemetry' }, message);
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug'), verbose: log('trace') };
}
