import type { FluxJob } from '../../../../src/datasources/flux/flux-job';
import { parseFluxJson } from '../../../../src/datasources/flux/flux-json';
import { JOB_STATE_BITS, JOB_STATE_MASKS } from '../../../../src/datasources/flux/job-state';
import { generateDataset } from '../../../../src/simulators/dataset';
import {
  ComparisonBudgetError,
  compileConstraint,
  constraintScope,
  readsOnlyTimes,
} from '../../../../src/simulators/flux/constraint';
import type { ComparisonCounter } from '../../../../src/simulators/flux/constraint';
import { COMPARISON_BUDGET_ERRNO } from '../../../../src/simulators/flux/job-list.service';
import type { SimBroker } from '../../../../src/simulators/flux/request-dispatch';
import type { SimCaller } from '../../../../src/simulators/flux/sim-service';
import { seededRandom } from '../../../support/seeded-random';
import { asManifest, call, testBroker } from './sim-helpers';

/**
 * job-list.list as it was before the inactive jobs were scanned through the store's time columns:
 * every list scanned job by job (visibility, then the compiled matcher), the same comparisons counted.
 */
function referenceList(
  broker: SimBroker,
  caller: SimCaller,
  request: { max_entries: number; since?: number; constraint?: unknown },
): bigint[] | 'budget' {
  const match = compileConstraint(request.constraint);
  const scope = constraintScope(request.constraint);
  const counter: ComparisonCounter = { count: 0, limit: broker.settings.maxComparisons };
  const lists = broker.store.lists();
  const out: FluxJob[] = [];
  const scan = (jobs: readonly FluxJob[], since: number): boolean => {
    for (const job of jobs) {
      if (job.tInactive !== undefined && job.tInactive <= since) break;
      const visible = caller.owner || !broker.settings.privateMode || job.userId === caller.uid;
      if (!visible || !match(job, counter)) continue;
      out.push(job);
      if (out.length === request.max_entries) return true;
    }
    return false;
  };
  try {
    if (!(scope & JOB_STATE_MASKS.PENDING && scan(lists.pending, 0)))
      if (!(scope & (JOB_STATE_BITS.RUN | JOB_STATE_BITS.CLEANUP) && scan(lists.running, 0)))
        if (scope & JOB_STATE_BITS.INACTIVE) scan(lists.inactive, request.since ?? 0);
  } catch (err) {
    if (err instanceof ComparisonBudgetError) return 'budget';
    throw err;
  }
  return out.map((job) => job.id);
}

async function listed(
  broker: SimBroker,
  caller: SimCaller,
  request: Record<string, unknown>,
): Promise<bigint[] | 'budget'> {
  const replies = (await call(broker, 'job-list.list', JSON.stringify(request), false, caller)).map(asManifest);
  const [reply] = replies;
  if (reply?.errnum === COMPARISON_BUDGET_ERRNO) return 'budget';
  if (reply?.errnum !== 0 || reply.payload === null) throw new Error(`unexpected reply ${JSON.stringify(replies)}`);
  return (parseFluxJson(reply.payload) as { jobs: { id: bigint }[] }).jobs.map((j) => BigInt(j.id));
}

describe('job-list.list over the inactive jobs: the time columns give what a job-by-job scan gives', () => {
  const dataset = generateDataset({ jobCount: 400, seed: 11, now: 1_795_400_000 });
  const inactive = dataset.jobs.map((j) => j.job).filter((job) => job.state === 'INACTIVE');
  // A few inactive jobs without t_inactive (not the end of a scan, never matched by a t_inactive test).
  for (const job of inactive.slice(30, 33)) delete job.tInactive;
  const times = inactive.flatMap((job) => [job.tSubmit, job.tInactive ?? job.tSubmit]);

  function randomConstraint(rand: () => number, depth: number): unknown {
    const r = rand();
    const t = (times[Math.floor(rand() * times.length)] as number) + Math.floor(rand() * 3 - 1);
    if (depth < 3 && r < 0.3) {
      const op = ['and', 'or', 'not'][Math.floor(rand() * 3)] as string;
      return { [op]: Array.from({ length: Math.floor(rand() * 4) }, () => randomConstraint(rand, depth + 1)) };
    }
    if (r < 0.45) return { states: [[64, 'inactive', 'run', 14, 127][Math.floor(rand() * 5)]] };
    if (r < 0.8)
      return { [rand() < 0.5 ? 't_submit' : 't_inactive']: [`${['>=', '<=', '>', '<'][Math.floor(rand() * 4)]}${t}`] };
    // Operators that read other fields: the job-by-job scan answers.
    return [{ userid: [inactive[0]?.userId ?? 0] }, { t_run: [`>${t}`] }, { results: ['completed'] }][
      Math.floor(rand() * 3)
    ];
  }

  it('on 1,500 random constraints, since and max_entries, budgets and callers (same jobs, order and budget errors)', async () => {
    const rand = seededRandom(4242);
    let timesOnly = 0;
    let budgetErrors = 0;
    for (let n = 0; n < 1_500; n++) {
      const maxComparisons = rand() < 0.3 ? Math.floor(rand() * 600) + 1 : 1_000_000;
      const privateMode = rand() < 0.2;
      const broker = testBroker(dataset, { maxComparisons, privateMode });
      const caller: SimCaller =
        rand() < 0.7 ? { uid: 1001, owner: true } : { uid: inactive[5]?.userId ?? 0, owner: false };
      const constraint = rand() < 0.1 ? undefined : randomConstraint(rand, 0);
      const since = rand() < 0.5 ? 0 : (times[Math.floor(rand() * times.length)] as number);
      const request = {
        max_entries: [0, 1, 7, 50][Math.floor(rand() * 4)] as number,
        attrs: ['state'],
        since,
        constraint,
      };
      const expected = referenceList(broker, caller, request);
      expect([n, await listed(broker, caller, request)]).toEqual([n, expected]);
      if (readsOnlyTimes(constraint) && (caller.owner || !privateMode)) timesOnly++;
      if (expected === 'budget') budgetErrors++;
    }
    // Both paths and the budget were exercised.
    expect(timesOnly).toBeGreaterThan(500);
    expect(budgetErrors).toBeGreaterThan(50);
  });

  it('reads the times of the jobs as they are after a change (a job ending now, a job given a new t_submit)', async () => {
    const broker = testBroker(dataset);
    const caller: SimCaller = { uid: 1001, owner: true };
    const request = {
      max_entries: 0,
      attrs: ['state'],
      constraint: { and: [{ states: [64] }, { t_submit: ['>=1795300000'] }] },
    };
    const before = await listed(broker, caller, request);
    expect(before).toEqual(referenceList(broker, caller, request));
    const [ended, moved] = [...broker.store.all()].map((s) => s.job).filter((job) => job.state === 'INACTIVE');
    broker.store.update(ended!.id, [], { ...ended!, tInactive: 1_795_400_001, tSubmit: 1_795_399_999 });
    broker.store.update(moved!.id, [], { ...moved!, tSubmit: 1_795_000_000 });
    const after = await listed(broker, caller, request);
    expect(after).toEqual(referenceList(broker, caller, request));
    expect(after[0]).toBe(ended!.id);
    expect(after).not.toContain(moved!.id);
  });

  it.each([
    [undefined, true],
    [{}, true],
    [{ and: [{ states: [64] }, { t_submit: ['>=1'] }, { not: [{ t_inactive: ['<2'] }] }] }, true],
    [{ or: [{ t_submit: ['>=1'] }, { userid: [5] }] }, false],
    [{ and: [{ name: ['x'] }] }, false],
    [{ t_run: ['>1'] }, false],
    [{ results: [1] }, false],
  ])('readsOnlyTimes(%j) is %s', (constraint, expected) => {
    expect(readsOnlyTimes(constraint)).toBe(expected);
  });
});
