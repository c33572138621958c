import { ERRNO } from '../../datasources/flux/errno';
import { routeTopic } from './broker-services';
import type { SimServiceDef } from './broker-services';
import type { OutputKeeper } from './job-output';
import type { JobStore } from './job-store';
import { janssonType, parseRequestJson } from './request-unpack';
import { fail } from './sim-service';
import type { SimCaller, SimResult, SimSettings } from './sim-service';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One request as the dispatcher needs it. */
export interface SimRequest {
  topic: string;
  /** Payload frame bytes (JSON + NUL), or undefined without the PAYLOAD flag. */
  payload: Uint8Array | undefined;
  streaming: boolean;
}

/** The broker-wide state a request runs against. */
export interface SimBroker {
  store: JobStore;
  output: OutputKeeper;
  settings: SimSettings;
  services: ReadonlyMap<string, SimServiceDef>;
  /** The broker's clock, epoch s; default the system clock. */
  clock?: () => number;
}

/** The payload as a JSON object, or why it is not one (in the words libflux/jansson would use). */
function readPayload(bytes: Uint8Array | undefined): Record<string, unknown> | string {
  if (!bytes || bytes.length === 0 || bytes[bytes.length - 1] !== 0) return 'flux_msg_get_string: Protocol error';
  let text: string;
  try {
    text = utf8.decode(bytes.subarray(0, bytes.length - 1));
  } catch {
    return 'unable to decode byte 0xff: invalid UTF-8';
  }
  let value: unknown;
  try {
    value = parseRequestJson(text);
  } catch (err) {
    return (err as Error).message;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return `Expected object, got ${janssonType(value)}`;
  return value as Record<string, unknown>;
}

/**
 * Routes one request and runs its method: ENOSYS for unknown topics, EPROTO for a payload the
 * method cannot unpack (not NUL-terminated, not UTF-8, not JSON, not an object), else the
 * method's replies. `signal` aborts waiting replies (cancel, disconnect).
 */
export function dispatchRequest(broker: SimBroker, caller: SimCaller, req: SimRequest, signal: AbortSignal): SimResult {
  const route = routeTopic(broker.services, req.topic);
  if ('error' in route) return [route.error];
  let payload: Record<string, unknown> = {};
  if (route.method.unpacks) {
    const read = readPayload(req.payload);
    if (typeof read === 'string') return [fail(ERRNO.EPROTO, route.service.payloadError(read))];
    payload = read;
  }
  return route.method.handle({
    store: broker.store,
    output: broker.output,
    caller,
    settings: broker.settings,
    payload,
    streaming: req.streaming,
    signal,
    ...(broker.clock ? { clock: broker.clock } : {}),
  });
}
