/** The longest `detail` text carried into an error, in characters. */
export const MAX_DETAIL_LENGTH = 500;

/** `value` as a plain object, or `undefined` when it is not one. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function detailField(detail: unknown): string | undefined {
  if (Array.isArray(detail)) {
    const messages = detail
      .map((item) => nonEmpty(asRecord(item)?.['msg']))
      .filter((m): m is string => m !== undefined);
    return messages.length > 0 ? messages.join('; ') : undefined;
  }
  return nonEmpty(detail);
}

/**
 * The human-readable text of an error body, in the contract's order (§7.1): `detail` (a
 * FastAPI list becomes its `msg` values joined with `; `), `body.error`, `error_description`,
 * `error`, `message`, then the HTTP reason phrase; non-JSON text is taken as is. Trimmed to
 * {@link MAX_DETAIL_LENGTH} characters.
 */
export function errorDetailOf(text: string, reasonPhrase: string): string {
  const parsed = tryParseJson(text);
  const body = asRecord(parsed);
  const detail = body
    ? (detailField(body['detail']) ??
      nonEmpty(asRecord(body['body'])?.['error']) ??
      nonEmpty(body['error_description']) ??
      nonEmpty(body['error']) ??
      nonEmpty(body['message']))
    : parsed === undefined
      ? nonEmpty(text)
      : undefined;
  return (detail ?? reasonPhrase).slice(0, MAX_DETAIL_LENGTH);
}

/** The OAuth `error` code of a token endpoint's error body (RFC 6749 §5.2), if any. */
export function oauthErrorCodeOf(text: string): string | undefined {
  return nonEmpty(asRecord(tryParseJson(text))?.['error']);
}

/** The upstream request id: `meta.request_id` of a body, else the `x-request-id` or `apigw-requestid` header. */
export function requestIdOf(body: unknown, headers: Headers): string | undefined {
  return (
    nonEmpty(asRecord(asRecord(body)?.['meta'])?.['request_id']) ??
    headers.get('x-request-id') ??
    headers.get('apigw-requestid') ??
    undefined
  );
}

/** Reads a JSON body without throwing; `undefined` when it is not JSON. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
