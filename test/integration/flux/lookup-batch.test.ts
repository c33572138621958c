import { createFluxDatasource } from '../../../src/datasources/flux/create-flux-datasource';
import type { FluxDatasource } from '../../../src/datasources/flux/flux-datasource';
import { formatJobId } from '../../../src/datasources/flux/job-id';
import { createBatchedLookup } from '../../../src/datasources/flux/lookup-batch';
import { FluxRpcError } from '../../../src/datasources/flux/flux-rpc-error';
import type { FluxRpc } from '../../../src/datasources/flux/flux-rpc-port';
import { createFluxLoaders } from '../../../src/loaders/flux.loaders';
import { createBackendPolicy } from '../../../src/datasources/resilience/backend-policy';
import type { BackendPolicy } from '../../../src/datasources/resilience/backend-policy';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator, FluxSimulatorOptions } from '../../../src/simulators/flux/flux-simulator';

const NOW = 1795400000;
const dataset = generateDataset({ now: NOW, jobCount: 1500 });
const inactive = dataset.jobs.filter((j) => j.job.state === 'INACTIVE');

/** A policy that counts its reads (each one is one run of retry, breaker, bulkhead and deadline). */
function countingPolicy(): BackendPolicy & { reads: string[] } {
  const policy = createBackendPolicy('flux', { timeoutMs: 10_000, readAttempts: 2, initialBackoffMs: 10 });
  const reads: string[] = [];
  return {
    ...policy,
    reads,
    read: (operation, what, signal) => (reads.push(what), policy.read(operation, what, signal)),
  };
}

async function start(options: Omit<FluxSimulatorOptions, 'dataset'> = {}): Promise<{
  sim: FluxSimulator;
  flux: FluxDatasource;
  policy: ReturnType<typeof countingPolicy>;
  close(): Promise<void>;
}> {
  const sim = await startFluxSimulator({ dataset, ...options });
  const policy = countingPolicy();
  const flux = createFluxDatasource({ uri: sim.uri, timeoutMs: 10_000, policy });
  return { sim, flux, policy, close: async () => (await flux.close(), await sim.close()) };
}

describe("lookup(): one tick's lookups under one run of the fault policy, each answered on its own", () => {
  it('answers each caller with its job (ids near 2^64 unknown: null), one policy run for the tick, per-job runs apart', async () => {
    const env = await start();
    try {
      const ids = inactive.slice(0, 300).map((j) => j.job.id);
      const asked = [2n ** 64n - 2n, ...ids, 2n ** 63n + 12345n];
      const infos = await Promise.all(asked.map((id) => env.flux.lookup(id, ['eventlog', 'jobspec'])));
      expect(infos[0]).toBeNull();
      expect(infos[asked.length - 1]).toBeNull();
      expect(infos.slice(1, -1).map((info) => info?.id)).toEqual(ids);
      expect(infos[1]?.eventlog).toEqual(inactive[0]?.eventlog);
      expect(env.policy.reads).toHaveLength(1);
      expect(env.policy.reads[0]).toBe(
        `job-info.lookup of ${asked.length} jobs (from ${formatJobId(asked[0] as bigint)})`,
      );
      // Lookups one after the other: one run each, named as before (id and keys).
      const id = ids[0] as bigint;
      expect(await env.flux.lookup(id, ['jobspec'])).toMatchObject({ id });
      expect(env.policy.reads[1]).toBe(`job-info.lookup ${formatJobId(id)} jobspec`);
      expect(env.flux.rpcCounts()['job-info.lookup']).toBe(asked.length + 1);
    } finally {
      await env.close();
    }
  });

  it("a page's loads through the jobInfo loader (eventlog and jobspec of 200 jobs) take one policy run and one RPC per job", async () => {
    const env = await start();
    try {
      const loaders = createFluxLoaders(env.flux);
      const jobs = inactive.slice(0, 200).map((j) => j.job.id);
      const infos = await Promise.all(
        jobs.flatMap((id) => [
          loaders.jobInfo.load({ id, key: 'eventlog' }),
          loaders.jobInfo.load({ id, key: 'jobspec' }),
        ]),
      );
      expect(infos.map((info) => info?.id)).toEqual(jobs.flatMap((id) => [id, id]));
      expect(infos[1]?.jobspec).toBeDefined();
      expect(env.policy.reads).toEqual([`job-info.lookup of 200 jobs (from ${formatJobId(jobs[0] as bigint)})`]);
      expect(env.flux.rpcCounts()['job-info.lookup']).toBe(200);
    } finally {
      await env.close();
    }
  });

  it("a page's look-ahead (jobInfo loader's jobInfoPage): one RPC per job with all keys, one policy run; the loader's cache holds the answers; a key already loaded keeps the loader's way; a job fails alone", async () => {
    const env = await start();
    try {
      const loaders = createFluxLoaders(env.flux);
      const ids = inactive.slice(0, 60).map((j) => j.job.id);
      // Loaded before the page: job 0's eventlog (its jobspec then goes through the loader, alone).
      expect((await loaders.jobInfo.load({ id: ids[0] as bigint, key: 'eventlog' }))?.id).toBe(ids[0]);
      const keysAsked: string[] = [];
      const lookup = env.flux.lookup.bind(env.flux);
      env.flux.lookup = (id, keys) => (
        keysAsked.push(`${id === ids[0] ? 'first' : 'other'}:${keys.join(',')}`),
        lookup(id, keys)
      );
      const page = [...ids, 2n ** 64n - 2n, 2n ** 64n].map((id) => ({ id }));
      const answers = await loaders.jobInfoPage(page, ['eventlog', 'jobspec']);
      expect(answers).toHaveLength(page.length * 2);
      expect(answers.slice(0, 120).map((info) => (info as { id: bigint }).id)).toEqual(ids.flatMap((id) => [id, id]));
      expect(answers.slice(120, 122)).toEqual([null, null]);
      expect(answers[122]).toBeInstanceOf(RangeError);
      expect(answers[123]).toBe(answers[122]);
      expect((answers[3] as { jobspec?: unknown }).jobspec).toEqual(inactive[1]?.jobspec);
      expect(keysAsked.sort()).toEqual([
        'first:jobspec',
        ...Array.from({ length: 61 }, () => 'other:eventlog,jobspec'),
      ]);
      expect(env.policy.reads.slice(1)).toEqual([
        `job-info.lookup of 61 jobs (from ${formatJobId(ids[1] as bigint)})`,
        `job-info.lookup ${formatJobId(ids[0] as bigint)} jobspec`,
      ]);
      // Later loads of those keys take the page's answers: no RPC.
      const before = env.flux.rpcCounts()['job-info.lookup'];
      const again = await loaders.jobInfo.loadMany(ids.slice(1, 11).map((id) => ({ id, key: 'jobspec' as const })));
      expect(again).toEqual(answers.slice(2, 22).filter((_, i) => i % 2 === 1));
      await expect(loaders.jobInfo.load({ id: 2n ** 64n, key: 'eventlog' })).rejects.toBeInstanceOf(RangeError);
      expect(env.flux.rpcCounts()['job-info.lookup']).toBe(before);
    } finally {
      await env.close();
    }
  });

  it('an id beyond 64 bits fails alone (RangeError, nothing sent), the rest of its tick is answered', async () => {
    const env = await start();
    try {
      const ids = inactive.slice(0, 20).map((j) => j.job.id);
      const answers = await Promise.all(
        [2n ** 64n, ...ids].map((id) => env.flux.lookup(id, ['jobspec']).catch((error: unknown) => error)),
      );
      expect(answers[0]).toBeInstanceOf(RangeError);
      expect(answers.slice(1).map((info) => (info as { id: bigint }).id)).toEqual(ids);
      expect(env.flux.rpcCounts()['job-info.lookup']).toBe(ids.length);
    } finally {
      await env.close();
    }
  });

  it('leaves out a key the job does not have yet (R of a pending job) and answers the others, in the same batch', async () => {
    const env = await start();
    try {
      const pending = dataset.jobs.find((j) => j.job.state === 'SCHED' || j.job.state === 'PRIORITY')?.job.id as bigint;
      const done = inactive.find((j) => j.R)?.job.id as bigint;
      const [a, b] = await Promise.all([
        env.flux.lookup(pending, ['eventlog', 'R']),
        env.flux.lookup(done, ['eventlog', 'R']),
      ]);
      expect(a?.id).toBe(pending);
      expect(a?.eventlog?.[0]?.name).toBe('submit');
      expect(a).not.toHaveProperty('R');
      expect(b?.R).toMatchObject({ version: 1 });
      expect(env.flux.rpcCounts()['job-info.lookup']).toBe(3);
      expect(env.policy.reads).toHaveLength(1);
    } finally {
      await env.close();
    }
  });

  it("as a guest: another user's job fails alone (FORBIDDEN, backend flux), the guest's own jobs are answered", async () => {
    const guest = inactive[0]?.job.userId as number;
    const env = await start({ peerUid: guest, guestPolicy: 'allow' });
    try {
      const own = inactive.filter((j) => j.job.userId === guest).map((j) => j.job.id);
      const other = inactive.find((j) => j.job.userId !== guest)?.job.id as bigint;
      const answers = await Promise.all(
        [other, ...own].map((id) => env.flux.lookup(id, ['eventlog']).catch((error: unknown) => error)),
      );
      expect(answers[0]).toMatchObject({ code: 'FORBIDDEN', backend: 'flux' });
      expect(String((answers[0] as Error).message)).toContain('job-info.lookup ƒ');
      expect(answers.slice(1).map((info) => (info as { id: bigint }).id)).toEqual(own);
      expect(env.policy.reads).toHaveLength(1);
      expect(env.policy.breakerState()).toBe('closed');
    } finally {
      await env.close();
    }
  });

  it.each([
    ['a client with send (no promise per lookup)', true],
    ['a stand-in with call only', false],
  ])(
    'through %s: a reply the client cannot read fails its job alone, a missing key is asked again, the rest answered',
    async (_what, withSend) => {
      const line = (name: string): string => `{"timestamp":1795361578.7532885,"name":"${name}"}`;
      const replies = new Map<bigint, (keys: string[]) => Record<string, unknown>>([
        [1n, () => ({ id: 1n, eventlog: `${line('submit')}\n${line('clean')}\n`, jobspec: { version: 1 } })],
        [2n, () => ({ id: 2n, eventlog: `${line('submit')}\n{"timestamp":1,"name":\n`, jobspec: { version: 1 } })],
        [
          2n ** 64n - 1n,
          () => ({ id: -1n, eventlog: `${line('submit')}\n`, jobspec: '{"version":1,"x":18446744073709551615}' }),
        ],
        [
          4n,
          (keys) =>
            keys.includes('R')
              ? Promise.reject(new FluxRpcError('job-info.lookup', 2, 'R: key not found'))
              : { id: 4n, eventlog: line('submit'), jobspec: { version: 1 } },
        ],
      ] as Array<[bigint, (keys: string[]) => Record<string, unknown>]>);
      const sent: string[][] = [];
      const call = (_topic: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> => {
        const keys = payload.keys as string[];
        sent.push(keys);
        const wire = payload.id as bigint;
        const reply = replies.get(wire < 0n ? wire + 2n ** 64n : wire);
        return reply
          ? Promise.resolve().then(() => reply(keys))
          : Promise.reject(new FluxRpcError('job-info.lookup', 2, 'invalid job id'));
      };
      const rpc: FluxRpc = {
        call,
        stream: () => {
          throw new Error('no streams here');
        },
        ...(withSend
          ? {
              send: (topic, payload, _options, handler) =>
                void call(topic, payload).then(
                  (value) => handler.onValue(value),
                  (error: unknown) => handler.onError(error),
                ),
            }
          : {}),
      };
      const lookup = createBatchedLookup(rpc, countingPolicy());
      const answers = await Promise.all(
        [1n, 2n, 2n ** 64n - 1n, 4n, 5n].map((id) =>
          lookup(id, ['eventlog', 'jobspec', ...(id === 4n ? (['R'] as const) : [])]).catch((e: unknown) => e),
        ),
      );
      expect(answers[0]).toEqual({
        id: 1n,
        eventlog: [
          { timestamp: 1795361578.7532885, name: 'submit' },
          { timestamp: 1795361578.7532885, name: 'clean' },
        ],
        jobspec: { version: 1 },
      });
      expect(answers[1]).toMatchObject({ code: 'UPSTREAM_ERROR', backend: 'flux' });
      expect(String((answers[1] as Error).message)).toMatch(
        /job-info.lookup ƒ.* eventlog,jobspec: .*eventlog line is not JSON/,
      );
      expect(answers[2]).toEqual({
        id: 2n ** 64n - 1n,
        eventlog: [{ timestamp: 1795361578.7532885, name: 'submit' }],
        jobspec: { version: 1, x: 18446744073709551615n },
      });
      expect(answers[3]).toEqual({
        id: 4n,
        eventlog: [{ timestamp: 1795361578.7532885, name: 'submit' }],
        jobspec: { version: 1 },
      });
      expect(answers[4]).toBeNull();
      expect(sent).toEqual([
        ['eventlog', 'jobspec'],
        ['eventlog', 'jobspec'],
        ['eventlog', 'jobspec'],
        ['eventlog', 'jobspec', 'R'],
        ['eventlog', 'jobspec'],
        ['eventlog', 'jobspec'],
      ]);
    },
  );

  it("the policy's deadline gives up a tick's lookups still waiting (each rejects UPSTREAM_TIMEOUT; their tags are kept)", async () => {
    const sim = await startFluxSimulator({ dataset, delayMs: 400 });
    const policy = createBackendPolicy('flux', { timeoutMs: 100, readAttempts: 1 });
    const flux = createFluxDatasource({ uri: sim.uri, timeoutMs: 10_000, policy });
    try {
      const ids = inactive.slice(0, 40).map((j) => j.job.id);
      const errors = await Promise.all(ids.map((id) => flux.lookup(id, ['eventlog']).catch((e: unknown) => e)));
      for (const error of errors) expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', backend: 'flux' });
      expect(flux.rpcCounts()['job-info.lookup']).toBe(ids.length);
    } finally {
      await flux.close();
      await sim.close();
    }
  });

  it('broker gone: every lookup of the tick fails UPSTREAM_UNAVAILABLE naming its own job; one policy run, one failure for the breaker', async () => {
    const env = await start();
    const ids = inactive.slice(0, 50).map((j) => j.job.id);
    await env.sim.close();
    try {
      const errors = await Promise.all(ids.map((id) => env.flux.lookup(id, ['eventlog']).catch((e: unknown) => e)));
      for (const [i, error] of errors.entries()) {
        expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', backend: 'flux' });
        expect(String((error as Error).message)).toContain(
          `job-info.lookup ${formatJobId(ids[i] as bigint)} eventlog: `,
        );
      }
      expect(env.policy.reads).toHaveLength(1);
      // One transient failure for the breaker (threshold 5), not fifty.
      expect(env.policy.breakerState()).toBe('closed');
    } finally {
      await env.flux.close();
    }
  });
});
