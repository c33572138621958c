import type { Client } from 'graphql-ws';
import { startGatewayProcess } from '../../../bench/gateway/gateway-process';
import type { GatewayProcess } from '../../../bench/gateway/gateway-process';
import type { FluxJobEvent } from '../../../src/datasources/flux/flux-job';
import { formatJobId } from '../../../src/datasources/flux/job-id';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { followSse, followWs, wsClient } from '../../support/subscription-clients';
import type { Followed } from '../../support/subscription-clients';
import { proxyHeaderCallers, TEST_OPERATOR } from '../../support/test-callers';

/**
 * 200 concurrent subscribers (jobChanges with and without filters, jobEvents of running and pending
 * jobs; over WebSocket and SSE; as their owners, as other users and as an operator) follow a live
 * dataset for 60 s: the simulator (in this process, its clock driven here) moves jobs every second,
 * the gateway runs in its own process. Every subscriber must receive exactly the events of its jobs,
 * in the simulator's journal order, none twice, none missing; per-user visibility must hold.
 */
const NOW = 1_800_000_000;
const DATASET = { jobCount: 2_000, seed: 20, now: NOW };
const dataset = generateDataset(DATASET);
const RUN_SECONDS = 60;
const STEP = { finish: 2, start: 2, submit: 2 };
const SUBSCRIBERS = 200;

interface Seen {
  id: string;
  name: string;
  timestamp: string;
  context: unknown;
}
interface Truth {
  id: bigint;
  event: FluxJobEvent;
}
type ChangeMessage = {
  jobChanges: {
    state: string;
    event: { name: string; timestamp: string; context: unknown };
    job: { id: string; userName: string | null; queue: string | null };
  };
};
type EventMessage = { jobEvents: { name: string; timestamp: string; context: unknown } };

const CHANGES = `subscription($filter: JobFilter, $events: [String!]) {
  jobChanges(filter: $filter, events: $events) { state event { name timestamp context } job { id userName queue } }
}`;
const EVENTS = 'subscription($id: JobId!) { jobEvents(id: $id) { name timestamp context } }';

/** One subscriber: who it is, what it asked, what it must see, and what it saw. */
interface Subscriber {
  label: string;
  user: string;
  followed: Followed<ChangeMessage> | Followed<EventMessage>;
  /** Events it must receive, in order; computed after the run from the simulator. */
  expected(): Seen[];
  received(): Seen[];
}

const iso = (seconds: number): string => new Date(Math.round(seconds * 1000)).toISOString();

describe('200 subscribers follow a live dataset for 60 s: exact delivery', () => {
  let sim: FluxSimulator;
  let gateway: GatewayProcess;
  const clients: Client[] = [];
  const followers: Array<{ stop(): void }> = [];
  const callers = proxyHeaderCallers();

  beforeAll(async () => {
    sim = await startFluxSimulator({ dataset });
    gateway = await startGatewayProcess(sim.uri, DATASET, callers.env);
  }, 60_000);
  afterAll(async () => {
    for (const followed of followers) followed.stop();
    await Promise.all(clients.map((c) => c.dispose()));
    gateway?.close();
    await sim?.close();
  });

  it('every subscriber gets every event of its jobs, in order, once; details only for its own jobs', async () => {
    const origin = gateway.url.replace(/\/graphql$/, '');
    const users = dataset.users.filter((u) => u.name !== TEST_OPERATOR);
    const uidOf = new Map(dataset.users.map((u) => [u.name, u.uid]));
    const journal: Truth[] = [];
    const ws = (user: string): Client => {
      const client = wsClient(origin, { 'x-remote-user': user });
      clients.push(client);
      return client;
    };
    const follow = <T>(i: number, user: string, query: string, variables: Record<string, unknown>): Followed<T> => {
      const followed =
        i % 4 === 3
          ? followSse<T>(origin, query, variables, { 'x-remote-user': user })
          : followWs<T>(ws(user), query, variables);
      followers.push(followed);
      return followed;
    };
    const seenChange = (m: ChangeMessage): Seen => ({
      id: m.jobChanges.job.id,
      name: m.jobChanges.event.name,
      timestamp: m.jobChanges.event.timestamp,
      context: m.jobChanges.event.context,
    });
    const asSeen = (id: bigint, event: FluxJobEvent, visible: boolean): Seen => ({
      id: formatJobId(id),
      name: event.name,
      timestamp: iso(event.timestamp),
      context: visible ? (event.context ?? null) : null,
    });
    const jobOf = (id: bigint) => sim.store.get(id)?.job;

    // 100 jobChanges subscribers: everything, some event names, their own jobs, one queue.
    const queues = [...new Set(dataset.jobs.map((j) => j.job.queue).filter((q): q is string => !!q))];
    const subscribers: Subscriber[] = [];
    for (let i = 0; i < 100; i++) {
      const user = i % 10 === 9 ? TEST_OPERATOR : (users[i % users.length]?.name as string);
      const operator = user === TEST_OPERATOR;
      const kind = i % 4;
      const variables: Record<string, unknown> =
        kind === 0
          ? {}
          : kind === 1
            ? { events: ['alloc', 'finish', 'clean'] }
            : kind === 2
              ? { filter: { users: [user] } }
              : { filter: { queues: [queues[i % queues.length]] } };
      const accepts = (t: Truth): boolean => {
        const job = jobOf(t.id);
        if (kind === 1) return ['alloc', 'finish', 'clean'].includes(t.event.name);
        if (kind === 2) return job?.userId === uidOf.get(user);
        if (kind === 3) return job?.queue === queues[i % queues.length];
        return true;
      };
      const followed = follow<ChangeMessage>(i, user, CHANGES, variables);
      subscribers.push({
        label: `jobChanges#${i} ${user} ${JSON.stringify(variables)}`,
        user,
        followed,
        expected: () =>
          journal
            .filter(accepts)
            .map((t) => asSeen(t.id, t.event, operator || jobOf(t.id)?.userId === uidOf.get(user))),
        received: () => followed.messages.flatMap((m) => (m.data ? [seenChange(m.data)] : [])),
      });
    }

    // 100 jobEvents subscribers on the jobs that move: the running ones and the next to start (a batch submitted
    // first: the dataset's own pending jobs are few); their owners and an operator.
    sim.advance({ finish: 0, start: 0, submit: 60 });
    const { pending, running } = sim.store.lists();
    const targets = [
      ...running.filter((j) => j.state === 'RUN'),
      ...pending.filter((j) => j.state === 'SCHED' && (j.priority ?? 0) > 0),
    ].slice(0, 50);
    expect(targets.length).toBe(50);
    for (let i = 0; i < 100; i++) {
      const job = targets[i % targets.length] as (typeof targets)[number];
      const user = i < 50 ? (dataset.users.find((u) => u.uid === job.userId)?.name as string) : TEST_OPERATOR;
      const followed = follow<EventMessage>(i, user, EVENTS, { id: formatJobId(job.id) });
      subscribers.push({
        label: `jobEvents#${i} ${user} ${formatJobId(job.id)}`,
        user,
        followed,
        expected: () => (sim.store.get(job.id)?.eventlog ?? []).map((event) => asSeen(job.id, event, true)),
        received: () =>
          followed.messages.flatMap((m) =>
            m.data
              ? [
                  {
                    id: formatJobId(job.id),
                    name: m.data.jobEvents.name,
                    timestamp: m.data.jobEvents.timestamp,
                    context: m.data.jobEvents.context,
                  },
                ]
              : [],
          ),
      });
    }
    expect(subscribers.length).toBe(SUBSCRIBERS);

    // Every subscription registered in the gateway before the first live event.
    const open = async (): Promise<number> => {
      const text = await (await fetch(`${origin}/metrics`)).text();
      return Number(/^jobgraph_subscriptions_open (\d+)/m.exec(text)?.[1] ?? 0);
    };
    const deadline = Date.now() + 60_000;
    while ((await open()) < SUBSCRIBERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await open()).toBe(SUBSCRIBERS);

    // The simulator's journal: every event it posts from now on, in order (what job-manager.events-journal sends).
    sim.store.on('event', (id, event) => journal.push({ id, event }));
    const started = Date.now();
    for (let step = 0; step < RUN_SECONDS; step++) {
      sim.advance(STEP);
      const next = started + (step + 1) * 1_000;
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }

    // Drain: wait until every subscriber has as many events as it must (a loaded machine may lag), at most 60 s.
    const behind = (): Subscriber[] => subscribers.filter((s) => s.received().length < s.expected().length);
    const drainDeadline = Date.now() + 60_000;
    while (behind().length > 0 && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 250));

    const failures: string[] = [];
    let delivered = 0;
    for (const subscriber of subscribers) {
      const errors = subscriber.followed.messages.flatMap((m) => m.errors ?? []);
      if (errors.length > 0) failures.push(`${subscriber.label}: errors ${JSON.stringify(errors)}`);
      const got = subscriber.received();
      const want = subscriber.expected();
      delivered += got.length;
      try {
        expect(got).toEqual(want);
      } catch {
        const firstDiff = got.findIndex((g, k) => JSON.stringify(g) !== JSON.stringify(want[k]));
        failures.push(
          `${subscriber.label}: got ${got.length}, want ${want.length}; first difference at ${firstDiff}: ` +
            `${JSON.stringify(got[firstDiff])} vs ${JSON.stringify(want[firstDiff])}`,
        );
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    // The run moved jobs: thousands of events reached the subscribers, and the followed jobs that ended completed.
    expect(journal.length).toBeGreaterThan(RUN_SECONDS * 15);
    expect(delivered).toBeGreaterThan(journal.length * 30);
  }, 240_000);
});
