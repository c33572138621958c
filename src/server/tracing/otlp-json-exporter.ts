import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** Deadline of one export request, ms. */
const EXPORT_TIMEOUT_MS = 10_000;

/**
 * Exports spans over OTLP/HTTP with the JSON encoding (`POST <url>`, `application/json`), what
 * every OpenTelemetry collector accepts on `/v1/traces`. Written over node:http rather than taken
 * from @opentelemetry/exporter-trace-otlp-http, whose transport loads node:http with a dynamic
 * import() that fails under a CommonJS module loader without ESM support (jest).
 */
export class OtlpJsonTraceExporter implements SpanExporter {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly url: string) {}

  /** Sends one batch; the callback gets FAILED (with the error) on a refused or failed request. */
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const body = JsonTraceSerializer.serializeRequest(spans);
    if (!body) return done({ code: ExportResultCode.FAILED, error: new Error('spans could not be serialized') });
    const send = this.url.startsWith('https:') ? httpsRequest : httpRequest;
    const sent = new Promise<void>((resolve) => {
      const finish = (result: ExportResult): void => {
        resolve();
        done(result);
      };
      const req = send(
        this.url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
          timeout: EXPORT_TIMEOUT_MS,
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            finish(
              (res.statusCode ?? 0) < 300
                ? { code: ExportResultCode.SUCCESS }
                : { code: ExportResultCode.FAILED, error: new Error(`OTLP receiver answered HTTP ${res.statusCode}`) },
            ),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error(`OTLP export timed out after ${EXPORT_TIMEOUT_MS} ms`)));
      req.on('error', (error) => finish({ code: ExportResultCode.FAILED, error }));
      req.end(body);
    });
    this.pending.add(sent);
    void sent.then(() => this.pending.delete(sent));
  }

  /** Waits for the exports in flight. */
  async forceFlush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** Waits for the exports in flight; nothing else to release. */
  shutdown(): Promise<void> {
    return this.forceFlush();
  }
}
