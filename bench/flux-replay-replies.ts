import { toWireId } from '../src/datasources/flux/wire-id';
import { generateDataset } from '../src/simulators/dataset';
import { lookup } from '../src/simulators/flux/job-info.service';
import { OutputKeeper } from '../src/simulators/flux/job-output';
import { JobStore } from '../src/simulators/flux/job-store';
import type { SimCall, SimReply } from '../src/simulators/flux/sim-service';

/** One recorded job-info.lookup reply: the job, its wire id's digits and the reply's JSON text. */
export interface RecordedLookup {
  id: bigint;
  wireId: string;
  json: string;
}

/**
 * The simulator's job-info.lookup replies (keys `jobspec`, `eventlog`, flags 3 = JSON_DECODE|CURRENT,
 * as the gateway's pages ask) for the `jobs` most recent inactive jobs of the dataset.
 */
export function lookupReplies(
  dataset: { jobCount: number; seed: number; now: number },
  jobs: number,
): RecordedLookup[] {
  const store = new JobStore(generateDataset(dataset));
  const call: SimCall = {
    store,
    output: new OutputKeeper(store, () => dataset.now),
    caller: { uid: 0, owner: true },
    settings: { maxComparisons: 0, privateMode: false, preV082: false },
    payload: {},
    streaming: false,
    signal: new AbortController().signal,
  };
  return store
    .lists()
    .inactive.slice(0, jobs)
    .map((job) => {
      const wireId = toWireId(job.id);
      call.payload = { id: wireId, keys: ['jobspec', 'eventlog'], flags: 3 };
      const [reply] = lookup(call) as Iterable<SimReply>;
      if (!reply || 'errnum' in reply) throw new Error(`lookup of ${job.id} failed`);
      // A payload frame (the reply's JSON text and its NUL) or the text itself.
      const json = 'frame' in reply ? Buffer.from(reply.frame).toString('utf8', 0, reply.frame.length - 1) : reply.json;
      return { id: job.id, wireId: wireId.toString(), json };
    });
}
