import { InFlightLimiter } from '../../../src/datasources/flux/in-flight-limiter';
import type { LookupSlots } from '../../../src/datasources/flux/lookup-many';
import { generateDataset } from '../../../src/simulators/dataset';
import { useFluxSimulator } from '../../support/flux-simulator-fixture';

const NOW = 1795400000;
const KEYS = ['eventlog', 'jobspec', 'J'] as const;

/** An InFlightLimiter that records the most holders at once and calls `onAcquire(n)` for the n-th slot taken. */
function countingSlots(
  max: number,
  onAcquire: (n: number) => void = () => undefined,
): LookupSlots & { peak: number; taken: number } {
  const limiter = new InFlightLimiter(max);
  const slots = {
    peak: 0,
    taken: 0,
    async acquire() {
      await limiter.acquire();
      slots.taken += 1;
      slots.peak = Math.max(slots.peak, limiter.inUse);
      onAcquire(slots.taken);
    },
    release: () => limiter.release(),
  };
  return slots;
}

describe('lookupMany: job-info of a batch of jobs, pipelined', () => {
  const dataset = generateDataset({ now: NOW, jobCount: 1500 });
  const inactive = dataset.jobs.filter((j) => j.job.state === 'INACTIVE').slice(0, 400);
  const ids = inactive.map((j) => j.job.id);
  const env = useFluxSimulator(dataset);

  it('answers in the order asked, null for ids the broker does not know (near 2^64), each as lookup() answers it', async () => {
    const unknown = [2n ** 64n - 2n, 2n ** 63n + 12345n];
    const asked = [unknown[0] as bigint, ...ids.slice(0, 150), unknown[1] as bigint, ...ids.slice(150)];
    const slots = countingSlots(16);
    const infos = await env.flux.lookupMany(asked, KEYS, { slots });
    expect(infos).toHaveLength(asked.length);
    expect(infos[0]).toBeNull();
    expect(infos[151]).toBeNull();
    expect(infos.filter((info) => info !== null).map((info) => info?.id)).toEqual(ids);
    for (const at of [1, 77, 200, asked.length - 1])
      expect(infos[at]).toEqual(await env.flux.lookup(asked[at] as bigint, [...KEYS]));
    expect(infos[1]?.eventlog).toEqual(inactive[0]?.eventlog);
    // Pipelined, and never beyond the shared slots.
    expect(slots.peak).toBeGreaterThan(1);
    expect(slots.peak).toBeLessThanOrEqual(16);
  });

  it('tries a lookup once more when the connection is lost mid-batch, and answers every job', async () => {
    const before = env.flux.rpcCounts()['job-info.lookup'] ?? 0;
    const slots = countingSlots(8, (n) => {
      if (n === 100) env.sim.dropConnections();
    });
    const infos = await env.flux.lookupMany(ids, KEYS, { slots });
    expect(infos.map((info) => info?.id)).toEqual(ids);
    const sent = (env.flux.rpcCounts()['job-info.lookup'] ?? 0) - before;
    expect(sent).toBeGreaterThan(ids.length);
  });

  it("rejects with the caller's reason when aborted, and sends no more", async () => {
    const abort = new AbortController();
    const before = env.flux.rpcCounts()['job-info.lookup'] ?? 0;
    const slots = countingSlots(4, (n) => {
      if (n === 20) abort.abort(new Error('pass cancelled'));
    });
    await expect(env.flux.lookupMany(ids, KEYS, { slots, signal: abort.signal })).rejects.toThrow('pass cancelled');
    expect((env.flux.rpcCounts()['job-info.lookup'] ?? 0) - before).toBeLessThan(30);
  });
});

describe('lookupMany as a guest', () => {
  const dataset = generateDataset({ now: NOW, jobCount: 1500 });
  const inactive = dataset.jobs.filter((j) => j.job.state === 'INACTIVE');
  const guest = inactive[0]?.job.userId as number;
  const env = useFluxSimulator(dataset, { peerUid: guest, guestPolicy: 'allow' });

  it("fails typed (FORBIDDEN, backend flux) on another user's job and stops sending the rest", async () => {
    const own = inactive.filter((j) => j.job.userId === guest).map((j) => j.job.id);
    const other = inactive.find((j) => j.job.userId !== guest)?.job.id as bigint;
    const asked = [...own.slice(0, 10), other, ...own.slice(10), ...own, ...own];
    const slots = countingSlots(2);
    const error = await env.flux.lookupMany(asked, KEYS, { slots }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FORBIDDEN', backend: 'flux' });
    expect(String((error as Error).message)).toContain('job-info.lookup');
    // Every queued lookup still takes its slot, in turn: then none may have been sent.
    for (let waited = 0; slots.taken < asked.length && waited < 5000; waited += 5)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(slots.taken).toBe(asked.length);
    expect(env.flux.rpcCounts()['job-info.lookup']).toBeLessThan(asked.length / 2);
  });
});
