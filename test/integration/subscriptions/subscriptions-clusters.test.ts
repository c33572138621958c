import type { Client } from 'graphql-ws';
import { formatJobId } from '../../../src/datasources/flux/job-id';
import { generateDataset } from '../../../src/simulators/dataset';
import { outputKind } from '../../../src/simulators/flux/job-output';
import { startClustersGateway } from '../../support/clusters-gateway';
import type { ClustersGateway } from '../../support/clusters-gateway';
import { followSse, followWs, wsClient } from '../../support/subscription-clients';
import { waitUntil } from '../flux/sim-socket';

const NOW = 1_800_000_000;
const a = generateDataset({ seed: 31, jobCount: 300, now: NOW });
const b = generateDataset({ seed: 32, jobCount: 300, now: NOW });
/** A running job of cluster b that prints text (not redirected), unknown to cluster a. */
const onB = b.jobs.find(
  (j) => j.job.state === 'RUN' && outputKind(j.job.id) === 'text' && !a.jobs.some((x) => x.job.id === j.job.id),
)?.job as (typeof b.jobs)[number]['job'];

const EVENTS =
  'subscription($id: JobId!, $cluster: String) { jobEvents(id: $id, cluster: $cluster) { name timestamp } }';
const CHANGES =
  'subscription($cluster: String) { jobChanges(cluster: $cluster) { event { name } job { id cluster } } }';

describe('subscriptions on every cluster of JOBGRAPH_FLUX_CLUSTERS', () => {
  let gw: ClustersGateway;
  const clients: Client[] = [];
  const ws = (): Client => {
    const client = wsClient(gw.url);
    clients.push(client);
    return client;
  };
  beforeEach(async () => {
    gw = await startClustersGateway({ a: { dataset: a }, b: { dataset: b } });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await gw.close();
  });

  it("jobEvents and jobOutput follow a job of another cluster, found by id or named; Job.output reads that cluster's", async () => {
    const id = formatJobId(onB.id);
    const expected = (gw.sims.b?.store.get(onB.id)?.eventlog ?? []).map((e) => e.name);
    for (const cluster of [undefined, 'b']) {
      const followed = followWs<{ jobEvents: { name: string } }>(ws(), EVENTS, { id, cluster });
      await waitUntil(() => followed.messages.length >= expected.length);
      expect(followed.messages.map((m) => m.data?.jobEvents.name)).toEqual(expected);
      followed.stop();
    }
    // Named on the wrong cluster, or an unknown cluster: NOT_FOUND, BAD_USER_INPUT.
    const wrong = followWs(ws(), EVENTS, { id, cluster: 'a' });
    await wrong.done;
    expect(wrong.messages.flatMap((m) => m.errors ?? []).map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const unknown = followSse(gw.url, EVENTS, { id, cluster: 'nope' });
    await unknown.done;
    expect(unknown.messages.flatMap((m) => m.errors ?? []).map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);

    const output = followWs<{ jobOutput: { line: { text: string } | null } }>(
      ws(),
      'subscription($id: JobId!) { jobOutput(id: $id) { line { text } } }',
      { id },
    );
    await waitUntil(() => output.messages.length > 0);
    expect(output.messages[0]?.errors).toBeUndefined();
    expect(output.messages[0]?.data?.jobOutput.line?.text).toEqual(expect.any(String));
    output.stop();
    const stored = await gw.query<{ job: { cluster: string; output: { lines: unknown[] } | null } }>(
      'query($id: JobId!) { job(id: $id, cluster: "b") { cluster output { lines { text } } } }',
      { id },
    );
    expect(stored.body.errors).toBeUndefined();
    expect(stored.body.data?.job.cluster).toBe('b');
    expect(stored.body.data?.job.output?.lines.length).toBeGreaterThan(0);
  });

  it("jobChanges(cluster) follows that cluster's journal (one stream per cluster); its jobs carry the cluster's name", async () => {
    const onDefault = followWs<{ jobChanges: { event: { name: string }; job: { id: string; cluster: string } } }>(
      ws(),
      CHANGES,
      {},
    );
    const onOther = followWs<{ jobChanges: { event: { name: string }; job: { id: string; cluster: string } } }>(
      ws(),
      CHANGES,
      { cluster: 'b' },
    );
    await waitUntil(
      () =>
        (gw.sims.a?.requestCounts['job-manager.events-journal'] ?? 0) === 1 &&
        (gw.sims.b?.requestCounts['job-manager.events-journal'] ?? 0) === 1,
    );
    // Past both backlogs: a change on each cluster reaches its own subscriber only.
    const stepA = gw.sims.a?.advance({ start: 0, finish: 0, submit: 1 });
    const stepB = gw.sims.b?.advance({ start: 0, finish: 0, submit: 1 });
    await waitUntil(() => onDefault.messages.length >= 4 && onOther.messages.length >= 4);
    const idsOf = (followed: typeof onDefault): Set<string> =>
      new Set(followed.messages.map((m) => m.data?.jobChanges.job.id ?? 'error'));
    expect(idsOf(onDefault)).toEqual(new Set(stepA?.submitted.map((id) => formatJobId(id))));
    expect(idsOf(onOther)).toEqual(new Set(stepB?.submitted.map((id) => formatJobId(id))));
    expect(new Set(onDefault.messages.map((m) => m.data?.jobChanges.job.cluster))).toEqual(new Set(['a']));
    expect(new Set(onOther.messages.map((m) => m.data?.jobChanges.job.cluster))).toEqual(new Set(['b']));
  });
});
