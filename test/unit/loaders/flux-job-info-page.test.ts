import type { FluxDatasource } from '../../../src/datasources/flux/flux-datasource';
import type { FluxJobInfo, FluxJobInfoKey } from '../../../src/datasources/flux/flux-job';
import { createFluxLoaders } from '../../../src/loaders/flux.loaders';

/** A Flux datasource whose lookups wait until `release` answers them, in the order the test chooses. */
function heldLookups(): {
  flux: FluxDatasource;
  calls: Array<{ id: bigint; keys: FluxJobInfoKey[] }>;
  release: (order: number[]) => void;
} {
  const calls: Array<{ id: bigint; keys: FluxJobInfoKey[] }> = [];
  const pending: Array<{ id: bigint; resolve: (info: FluxJobInfo | null) => void; reject: (error: unknown) => void }> =
    [];
  const flux = {
    lookup: (id: bigint, keys: FluxJobInfoKey[]) => {
      calls.push({ id, keys });
      return new Promise<FluxJobInfo | null>((resolve, reject) => pending.push({ id, resolve, reject }));
    },
  } as unknown as FluxDatasource;
  const release = (order: number[]): void => {
    for (const index of order) {
      const call = pending[index];
      if (!call) continue;
      if (call.id === 13n) call.reject('not an Error');
      else call.resolve(call.id === 0n ? null : ({ id: call.id } as FluxJobInfo));
    }
  };
  return { flux, calls, release };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('jobInfoPage (the look-ahead of a page of jobs through the jobInfo loader)', () => {
  it('answers only when every job has settled, whatever order the lookups answer in; job-major, one lookup per job', async () => {
    const { flux, calls, release } = heldLookups();
    const loaders = createFluxLoaders(flux);
    const ids = [5n, 0n, 13n, 2n ** 64n - 1n, 7n];
    let answers: Array<FluxJobInfo | null | Error> | undefined;
    const page = loaders.jobInfoPage(
      ids.map((id) => ({ id })),
      ['eventlog', 'jobspec'],
    );
    void page.then((result) => (answers = result));
    expect(calls.map((call) => call.id)).toEqual(ids);
    expect(calls.every((call) => call.keys.join() === 'eventlog,jobspec')).toBe(true);
    for (const index of [4, 2, 0, 3]) {
      release([index]);
      await settle();
      expect(answers).toBeUndefined();
    }
    release([1]);
    await settle();
    expect(answers).toHaveLength(10);
    const [five, zero, thirteen, last, seven] = [0, 2, 4, 6, 8].map((at) => (answers as unknown[])[at]);
    expect(five).toEqual({ id: 5n });
    expect(zero).toBeNull();
    expect(thirteen).toBeInstanceOf(Error);
    expect(last).toEqual({ id: 2n ** 64n - 1n });
    expect(seven).toEqual({ id: 7n });
    for (let at = 0; at < 10; at += 2) expect((answers as unknown[])[at + 1]).toBe((answers as unknown[])[at]);
  });

  it('a job listed twice is looked up once (its second place through the loader); an empty page or no keys answer at once', async () => {
    const { flux, calls, release } = heldLookups();
    const loaders = createFluxLoaders(flux);
    const page = loaders.jobInfoPage([{ id: 9n }, { id: 4n }, { id: 9n }], ['jobspec']);
    await settle();
    expect(calls.map((call) => call.id)).toEqual([9n, 4n]);
    release([1, 0]);
    const answers = await page;
    expect(answers).toEqual([{ id: 9n }, { id: 4n }, { id: 9n }]);
    expect(answers[2]).toBe(answers[0]);
    await expect(loaders.jobInfoPage([], ['jobspec'])).resolves.toEqual([]);
    const none = loaders.jobInfoPage([{ id: 1n }], []);
    release([2]);
    await expect(none).resolves.toEqual([]);
  });
});
