import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Attributes, Span, Tracer } from '@opentelemetry/api';

let tracer: Tracer | undefined;

/**
 * Sets (or, with undefined, clears) the tracer every {@link traced} span is made with. Set once
 * by the server when `JOBGRAPH_OTEL_EXPORTER_OTLP_ENDPOINT` is set (src/server/tracing); while
 * unset, {@link traced} only calls its function: tracing off costs one branch per call.
 */
export function setJobgraphTracer(next: Tracer | undefined): void {
  tracer = next;
}

/** The tracer set by {@link setJobgraphTracer}, if tracing is on. */
export function jobgraphTracer(): Tracer | undefined {
  return tracer;
}

function endWith(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}

/**
 * Runs `fn` inside a span `name` (a child of the active span; active itself while `fn` runs, so
 * backend calls below it become its children) when tracing is on; otherwise just runs `fn`.
 * The span ends when the returned promise settles, with the error recorded when it rejects.
 */
export function traced<T>(
  name: string,
  attributes: Attributes,
  fn: () => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  if (!tracer) return fn();
  return tracer.startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      const result = await fn();
      endWith(span);
      return result;
    } catch (error) {
      endWith(span, error);
      throw error;
    }
  });
}

/**
 * Starts a span `name` for a call that is not a function scope (a callback-style backend call):
 * returns the function that ends it (with the error, if any), or undefined when tracing is off.
 */
export function startCallSpan(
  name: string,
  attributes: Attributes,
  kind: SpanKind = SpanKind.CLIENT,
): ((error?: unknown) => void) | undefined {
  if (!tracer) return undefined;
  const span = tracer.startSpan(name, { kind, attributes }, context.active());
  return (error) => endWith(span, error);
}

/** The active span (for attributes the operation learns late, such as its name), if tracing is on. */
export function activeSpan(): Span | undefined {
  return tracer ? trace.getActiveSpan() : undefined;
}
