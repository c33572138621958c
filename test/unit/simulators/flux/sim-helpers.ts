import { encodeTextPayload } from '../../../../src/datasources/flux/flux-payload';
import type { Dataset } from '../../../../src/simulators/dataset';
import { brokerServices } from '../../../../src/simulators/flux/broker-services';
import { OutputKeeper } from '../../../../src/simulators/flux/job-output';
import { JobStore } from '../../../../src/simulators/flux/job-store';
import { dispatchRequest } from '../../../../src/simulators/flux/request-dispatch';
import type { SimBroker } from '../../../../src/simulators/flux/request-dispatch';
import type { SimCaller, SimReply, SimSettings } from '../../../../src/simulators/flux/sim-service';

/** A broker over `dataset` without sockets. */
export function testBroker(dataset: Dataset, settings: Partial<SimSettings> = {}): SimBroker {
  const store = new JobStore(dataset);
  return {
    store,
    output: new OutputKeeper(store, () => dataset.now),
    settings: { maxComparisons: 1_000_000, privateMode: false, preV082: false, ...settings },
    services: brokerServices({ size: '1' }),
  };
}

/** Sends one request (payload as JSON text) and collects every reply until the method ends. */
export async function call(
  broker: SimBroker,
  topic: string,
  payload: string,
  streaming = false,
  caller: SimCaller = { uid: 1001, owner: true },
  signal: AbortSignal = new AbortController().signal,
): Promise<SimReply[]> {
  const result = dispatchRequest(broker, caller, { topic, payload: Buffer.from(`${payload}\0`), streaming }, signal);
  const out: SimReply[] = [];
  for await (const reply of result) out.push(reply);
  return out;
}

/** A successful reply's payload frame as the connection writes it (JSON text + NUL); throws for an error reply. */
export function wireBytes(reply: SimReply): Buffer {
  if ('frame' in reply) return Buffer.from(reply.frame);
  if ('json' in reply) return encodeTextPayload(reply.json);
  throw new Error(`error reply ${reply.errnum}`);
}

/** A reply as the manifest records it: errnum and payload text (null without one). */
export function asManifest(reply: SimReply): { errnum: number; payload: string | null } {
  if ('json' in reply) return { errnum: 0, payload: reply.json };
  if ('frame' in reply) return { errnum: 0, payload: Buffer.from(reply.frame).toString('utf8').replace(/\0$/, '') };
  return { errnum: reply.errnum, payload: reply.text ?? null };
}
