import { createFluxDatasource } from '../../../src/datasources/flux/create-flux-datasource';
import type { FluxDatasource, JobListing } from '../../../src/datasources/flux/flux-datasource';
import type { FluxJob } from '../../../src/datasources/flux/flux-job';
import { encodeJobCursor } from '../../../src/resolvers/job-cursor';
import { fetchJobPage } from '../../../src/resolvers/job-pager';
import { JobWindowHints } from '../../../src/resolvers/job-window-hints';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';

/** `listing` telling `onJob` of each job it gives, read either way (item by item, or by batches when it offers them). */
function counting(listing: JobListing, onJob: () => void): JobListing {
  const { batches } = listing;
  return {
    [Symbol.asyncIterator]: async function* () {
      for await (const job of listing) yield (onJob(), job);
    },
    ...(batches && {
      batches: async function* () {
        for await (const batch of batches.call(listing)) {
          batch.forEach(onJob);
          yield batch;
        }
      },
    }),
  };
}

/** A simulator of `dataset` and a datasource over it, both up for the enclosing describe block. */
function simulated(dataset: ReturnType<typeof generateDataset>): { flux: FluxDatasource } {
  const held = {} as { flux: FluxDatasource };
  let sim: Awaited<ReturnType<typeof startFluxSimulator>>;
  beforeAll(async () => {
    sim = await startFluxSimulator({ dataset });
    held.flux = createFluxDatasource({ uri: sim.uri, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await held.flux.close();
    await sim.close();
  });
  return held;
}

describe('fetchJobPage against the Flux simulator', () => {
  // A fixed now: the generated submit times (and so the densities the hints learn) do not depend on the hour of the run.
  const dataset = generateDataset({ seed: 7, jobCount: 3000, now: 1_795_400_000 });
  let sim: Awaited<ReturnType<typeof startFluxSimulator>>;
  let flux: FluxDatasource;
  let listCalls = 0;
  let listed = 0;
  beforeAll(async () => {
    sim = await startFluxSimulator({ dataset });
    const base = createFluxDatasource({ uri: sim.uri, timeoutMs: 10_000 });
    flux = {
      ...base,
      listJobs: (query, options) => (listCalls++, counting(base.listJobs(query, options), () => (listed += 1))),
      close: () => base.close(),
    };
  });
  afterAll(async () => {
    await flux.close();
    await sim.close();
  });

  const expected = [...dataset.jobs.map((j) => j.job)].sort(
    (a, b) => b.tSubmit - a.tSubmit || (a.id === b.id ? 0 : a.id > b.id ? -1 : 1),
  );

  it('pages with hints give exactly the same jobs, and after the first page one job-list RPC each', async () => {
    const hints = new JobWindowHints();
    const seen: bigint[] = [];
    const calls: number[] = [];
    let after: { tSubmit: number; id: bigint } | undefined;
    for (let page = 0; page < 5; page++) {
      listCalls = 0;
      const result = await fetchJobPage(flux, { query: {}, submitted: {}, first: 100, after, now: dataset.now, hints });
      calls.push(listCalls);
      seen.push(...result.jobs.map((j) => j.id));
      const last = result.jobs.at(-1)!;
      after = { tSubmit: last.tSubmit, id: last.id };
    }
    expect(seen).toEqual(expected.slice(0, 500).map((j) => j.id));
    expect(calls[0]).toBeGreaterThan(1);
    expect(calls.slice(1).every((n) => n === 1)).toBe(true);
  });

  it('hinted pages list at most ~1.35 jobs per job they need (the window headroom), with one RPC in the common case', async () => {
    // Every job listed beyond the page is decoded for nothing (~7.5 µs each with all attributes): the
    // hint's headroom was 1.5 (1.5–1.7 listed per job needed on this dataset), now 1.3; a window that
    // falls short is completed by one more listing sized from its own density, without a probe.
    const hints = new JobWindowHints();
    let after: { tSubmit: number; id: bigint } | undefined;
    const seen: bigint[] = [];
    let hintedCalls = 0;
    let hintedListed = 0;
    const pages = 12;
    for (let page = 0; page < pages; page++) {
      listCalls = 0;
      listed = 0;
      const result = await fetchJobPage(flux, { query: {}, submitted: {}, first: 100, after, now: dataset.now, hints });
      if (page > 0) {
        hintedCalls += listCalls;
        hintedListed += listed;
      }
      seen.push(...result.jobs.map((j) => j.id));
      const last = result.jobs.at(-1)!;
      after = { tSubmit: last.tSubmit, id: last.id };
    }
    expect(seen).toEqual(expected.slice(0, pages * 100).map((j) => j.id));
    expect(hintedListed / ((pages - 1) * 101)).toBeLessThanOrEqual(1.35);
    expect(hintedCalls).toBeLessThanOrEqual(Math.ceil((pages - 1) * 1.2));
  });

  it('a hint far too narrow or too wide still yields the exact page', async () => {
    for (const [jobs, seconds] of [
      [1, 1e9],
      [1e9, 1],
    ] as const) {
      const hints = new JobWindowHints();
      hints.observe('{}', jobs, seconds);
      const result = await fetchJobPage(flux, { query: {}, submitted: {}, first: 50, now: dataset.now, hints });
      expect(result.jobs.map((j) => j.id)).toEqual(expected.slice(0, 50).map((j) => j.id));
      expect(result.hasNextPage).toBe(true);
    }
  });
});

describe('fetchJobPage over jobs sharing one submit time (pager page boundaries inside a tie)', () => {
  // Flux stamps t_submit per job, but a burst (flux submit --cc, a job array) gives many jobs the same
  // time. Here every 7 consecutive jobs share one t_submit, and pages of 10 cut through those groups:
  // the cursor's slack above its submit time must keep the rest of a tied group for the next page.
  const dataset = generateDataset({ seed: 11, jobCount: 400, now: 1_795_400_000 });
  const byTime = [...dataset.jobs].sort((a, b) => b.job.tSubmit - a.job.tSubmit);
  // Each group takes its OLDEST member's time: every other timestamp of a job stays at or after its submit
  // time, as on a broker (the pager's `since` relies on t_inactive >= t_submit).
  byTime.forEach((entry, i) => {
    entry.job.tSubmit = (byTime[Math.min(i - (i % 7) + 6, byTime.length - 1)] as (typeof byTime)[number]).job.tSubmit;
  });
  let sim: Awaited<ReturnType<typeof startFluxSimulator>>;
  let flux: FluxDatasource;
  beforeAll(async () => {
    sim = await startFluxSimulator({ dataset });
    flux = createFluxDatasource({ uri: sim.uri, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await flux.close();
    await sim.close();
  });

  it('walks every job exactly once, in (t_submit, id) descending order', async () => {
    const expected = dataset.jobs
      .map((j) => j.job)
      .sort((a, b) => b.tSubmit - a.tSubmit || (a.id === b.id ? 0 : a.id > b.id ? -1 : 1))
      .map((j) => j.id);
    expect(new Set(dataset.jobs.map((j) => j.job.tSubmit)).size).toBeLessThan(dataset.jobs.length / 6);
    const seen: bigint[] = [];
    let after: { tSubmit: number; id: bigint } | undefined;
    for (let page = 0; page < 60; page++) {
      const result = await fetchJobPage(flux, { query: {}, submitted: {}, first: 10, after, now: dataset.now });
      seen.push(...result.jobs.map((j) => j.id));
      if (!result.hasNextPage) break;
      const last = result.jobs.at(-1)!;
      after = { tSubmit: last.tSubmit, id: last.id };
    }
    expect(seen).toEqual(expected);
  });
});

describe('fetchJobPage, the cold first page of a filter (no window hint yet)', () => {
  // The seed bench's dataset: the first hour holds few INACTIVE jobs (the newest still run), and a
  // window sized from those few spanned every job: 4,989 entries listed for the 501 needed (2 RPCs).
  const dataset = generateDataset({ seed: 1, jobCount: 5000, now: 1_795_400_000 });
  const simulator = simulated(dataset);

  it('lists at most ~1.5 entries per job it needs, at the cost of a listing or two more (cold INACTIVE page of 500)', async () => {
    let rpcs = 0;
    let listed = 0;
    const base = simulator.flux;
    const flux: FluxDatasource = {
      ...base,
      listJobs: (query, options) => {
        rpcs += 1;
        return counting(base.listJobs(query, options), () => (listed += 1));
      },
    };
    const inactive = dataset.jobs
      .map((j) => j.job)
      .filter((job) => job.state === 'INACTIVE')
      .sort((a, b) => b.tSubmit - a.tSubmit || (a.id === b.id ? 0 : a.id > b.id ? -1 : 1));
    const page = await fetchJobPage(flux, {
      query: { states: ['INACTIVE'] },
      submitted: {},
      first: 500,
      now: dataset.now,
      hints: new JobWindowHints(),
    });
    expect(page.jobs.map((job) => job.id)).toEqual(inactive.slice(0, 500).map((job) => job.id));
    expect(page.hasNextPage).toBe(true);
    expect(listed).toBeLessThanOrEqual(1.5 * 501);
    expect(rpcs).toBeLessThanOrEqual(5);
  });
});

describe('fetchJobPage against a broker with a small comparison budget (job-list.max_comparisons)', () => {
  // job-list compares each job it walks against the constraint and fails the request past its budget
  // ("Excessive comparisons made, limit search via states or since"). A window's listing sends `since`
  // (its floor − 1 s): the broker then stops walking its inactive list at the window instead of comparing
  // every inactive job it keeps — 4,900 of them here, more than the budget of 2,000.
  const dataset = generateDataset({ seed: 1, jobCount: 5000, now: 1_795_400_000 });
  const sinces: Array<number | undefined> = [];
  let sim: Awaited<ReturnType<typeof startFluxSimulator>>;
  let flux: FluxDatasource;
  beforeAll(async () => {
    sim = await startFluxSimulator({
      dataset,
      maxComparisons: 2000,
      onRequest: (topic, payload) => {
        const { since, max_entries: max } = JSON.parse(payload) as { since?: number; max_entries: number };
        if (topic === 'job-list.list' && max === 0) sinces.push(since);
      },
    });
    flux = createFluxDatasource({ uri: sim.uri, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await flux.close();
    await sim.close();
  });

  it.each([[{}], [{ states: ['INACTIVE' as const] }]])(
    'pages %j exactly, every window listing with since below its floor',
    async (query) => {
      const states: readonly string[] | undefined = 'states' in query ? query.states : undefined;
      const expected = dataset.jobs
        .map((j) => j.job)
        .filter((job) => !states || states.includes(job.state))
        .sort((a, b) => b.tSubmit - a.tSubmit || (a.id === b.id ? 0 : a.id > b.id ? -1 : 1));
      const hints = new JobWindowHints();
      const seen: bigint[] = [];
      let after: { tSubmit: number; id: bigint } | undefined;
      sinces.length = 0;
      for (let page = 0; page < 4; page++) {
        const result = await fetchJobPage(flux, { query, submitted: {}, first: 100, after, now: dataset.now, hints });
        seen.push(...result.jobs.map((j) => j.id));
        const last = result.jobs.at(-1)!;
        after = { tSubmit: last.tSubmit, id: last.id };
      }
      expect(seen).toEqual(expected.slice(0, 400).map((j) => j.id));
      expect(sinces.length).toBeGreaterThanOrEqual(4);
      expect(sinces.every((since) => since !== undefined && since > dataset.now - 90 * 86_400)).toBe(true);
    },
  );
});

describe('fetchJobPage reading listings by batches', () => {
  // The pager reads each listing a batch of replies at a time (one await per batch). Whatever the batches,
  // a walk must give every job once, in order, with the same pages and cursors as reading item by item.
  const dataset = generateDataset({ seed: 3, jobCount: 2500, now: 1_795_400_000 });
  const simulator = simulated(dataset);

  /** The datasource's listings, each read by batches as `batches` gives them from it (none: item by item only). */
  const reading = (batches?: (listing: JobListing) => AsyncGenerator<readonly FluxJob[]>): FluxDatasource => ({
    ...({} as FluxDatasource),
    listJobs: (query, options) => {
      const listing = simulator.flux.listJobs(query, options);
      return {
        [Symbol.asyncIterator]: () => listing[Symbol.asyncIterator](),
        ...(batches && { batches: () => batches(listing) }),
      };
    },
  });
  const itemsOnly = reading();
  let batchesRead = 0;
  let largest = 0;
  /** The datasource's batches as they come (counted). */
  const asBatches = reading(async function* (listing) {
    for await (const batch of listing.batches!()) {
      batchesRead += 1;
      largest = Math.max(largest, batch.length);
      yield batch;
    }
  });
  /** The same jobs cut again into batches of 1, 2, … 7 jobs: boundaries everywhere, none where the replies were. */
  const recut = reading(async function* (listing) {
    let size = 1;
    let pending: FluxJob[] = [];
    for await (const batch of listing.batches!())
      for (const job of batch) {
        pending.push(job);
        if (pending.length === size) {
          yield pending;
          pending = [];
          size = (size % 7) + 1;
        }
      }
    if (pending.length > 0) yield pending;
  });

  /** Every page of a walk in pages of `first`: its jobs, hasNextPage and the cursor after its last job. */
  async function walk(flux: FluxDatasource, query: { states?: Array<'INACTIVE' | 'RUN'> }, first: number) {
    const hints = new JobWindowHints();
    const pages: Array<{ jobs: FluxJob[]; hasNextPage: boolean; cursor: string }> = [];
    let after: { tSubmit: number; id: bigint } | undefined;
    for (let page = 0; page < 100; page++) {
      const result = await fetchJobPage(flux, { query, submitted: {}, first, after, now: dataset.now, hints });
      const last = result.jobs.at(-1)!;
      after = { tSubmit: last.tSubmit, id: last.id };
      pages.push({ jobs: result.jobs, hasNextPage: result.hasNextPage, cursor: encodeJobCursor(after) });
      if (!result.hasNextPage) break;
    }
    return pages;
  }

  it.each([
    [{}, 97],
    [{ states: ['INACTIVE' as const] }, 250],
  ])('walks %j in pages of %i: every job once, in order; pages and cursors as item by item', async (query, first) => {
    const states: readonly string[] | undefined = 'states' in query ? query.states : undefined;
    const expected = dataset.jobs
      .map((j) => j.job)
      .filter((job) => !states || states.includes(job.state))
      .sort((a, b) => b.tSubmit - a.tSubmit || (a.id === b.id ? 0 : a.id > b.id ? -1 : 1))
      .map((job) => job.id);
    batchesRead = 0;
    largest = 0;
    const byItems = await walk(itemsOnly, query, first);
    const byBatches = await walk(asBatches, query, first);
    const byRecut = await walk(recut, query, first);
    expect(byItems.flatMap((page) => page.jobs.map((job) => job.id))).toEqual(expected);
    expect(byBatches.flatMap((page) => page.jobs.map((job) => job.id))).toEqual(expected);
    expect(byBatches).toEqual(byItems);
    expect(byRecut).toEqual(byItems);
    expect(batchesRead).toBeGreaterThan(0);
    // Replies arrive several at a time: batches of more than one job were read (else nothing was batched).
    expect(largest).toBeGreaterThan(1);
  });

  it('a listing failing after some batches fails the page with its error, as item by item', async () => {
    const failure = new Error('listing broke');
    const failing = (byBatches: boolean): FluxDatasource => ({
      ...({} as FluxDatasource),
      listJobs: (query, options) => {
        const listing = simulator.flux.listJobs(query, options);
        async function* items(): AsyncGenerator<FluxJob> {
          let n = 0;
          for await (const job of listing) {
            if (++n > 30) throw failure;
            yield job;
          }
        }
        async function* batches(): AsyncGenerator<FluxJob[]> {
          yield [];
          for await (const batch of listing.batches!()) {
            yield batch.slice(0, 1);
            throw failure;
          }
        }
        return byBatches ? { [Symbol.asyncIterator]: items, batches } : { [Symbol.asyncIterator]: items };
      },
    });
    for (const byBatches of [false, true])
      await expect(
        fetchJobPage(failing(byBatches), { query: {}, submitted: {}, first: 100, now: dataset.now }),
      ).rejects.toBe(failure);
  });
});
