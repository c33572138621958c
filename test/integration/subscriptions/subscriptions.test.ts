import type { Client } from 'graphql-ws';
import { formatJobId } from '../../../src/datasources/flux/job-id';
import { generateDataset } from '../../../src/simulators/dataset';
import { outputKind } from '../../../src/simulators/flux/job-output';
import { startGatewayHarness } from '../../support/gateway-harness';
import type { GatewayHarness } from '../../support/gateway-harness';
import { followSse, followWs, wsClient } from '../../support/subscription-clients';
import { proxyHeaderCallers, TEST_OPERATOR } from '../../support/test-callers';
import { waitUntil } from '../flux/sim-socket';

const NOW = 1_800_000_000;
const dataset = generateDataset({ seed: 11, jobCount: 400, now: NOW });
const callers = proxyHeaderCallers();
const nameOf = (uid: number): string => dataset.users.find((u) => u.uid === uid)?.name as string;
const running = dataset.jobs.filter((j) => j.job.state === 'RUN' && outputKind(j.job.id) === 'text');
const target = running[0]?.job as (typeof dataset.jobs)[number]['job'];
const owner = nameOf(target.userId);
const stranger = dataset.users.find((u) => u.uid !== target.userId)?.name as string;

const EVENTS =
  'subscription($id: JobId!, $fromStart: Boolean) { jobEvents(id: $id, fromStart: $fromStart) { name context } }';
const CHANGES = `subscription($filter: JobFilter, $events: [String!]) {
  jobChanges(filter: $filter, events: $events) { state event { name context } job { id name userName state } }
}`;

describe('subscriptions over WebSocket (graphql-ws) and SSE (graphql-sse) against the simulator', () => {
  let gw: GatewayHarness;
  const clients: Client[] = [];
  const ws = (user: string): Client => {
    const c = wsClient(gw.url, { 'x-remote-user': user });
    clients.push(c);
    return c;
  };
  beforeEach(async () => {
    gw = await startGatewayHarness(dataset, { env: { ...callers.env, JOBGRAPH_SUBSCRIPTION_MAX_BACKLOG: '500' } });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await gw.close();
  });

  it('jobEvents: the owner gets the backlog then live events in order, completing after clean', async () => {
    const sub = followWs<{ jobEvents: { name: string } }>(ws(owner), EVENTS, { id: formatJobId(target.id) });
    const backlog = gw.sim.store.get(target.id)?.eventlog.length as number;
    await waitUntil(() => sub.messages.length >= backlog);
    while (gw.sim.store.get(target.id)?.job.state === 'RUN') gw.sim.advance({ start: 0, finish: 1 });
    expect(await sub.done).toBeUndefined();
    const expected = gw.sim.store.get(target.id)?.eventlog.map((e) => e.name);
    expect(sub.messages.map((m) => m.data?.jobEvents.name)).toEqual(expected);
    expect(sub.messages.every((m) => !m.errors)).toBe(true);
  });

  it('jobEvents: fromStart false skips the backlog; FORBIDDEN for another user, NOT_FOUND for an unknown id; operators pass', async () => {
    const live = followWs<{ jobEvents: { name: string } }>(ws(owner), EVENTS, {
      id: formatJobId(target.id),
      fromStart: false,
    });
    const forbidden = followWs(ws(stranger), EVENTS, { id: formatJobId(target.id) });
    const unknown = followWs(ws(owner), EVENTS, { id: formatJobId(12345n) });
    const operator = followWs(ws(TEST_OPERATOR), EVENTS, { id: formatJobId(target.id) });
    await Promise.all([forbidden.done, unknown.done]);
    expect(forbidden.messages[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(unknown.messages[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    await waitUntil(() => operator.messages.length > 0);
    await new Promise((r) => setTimeout(r, 200));
    expect(live.messages).toHaveLength(0);
    while (gw.sim.store.get(target.id)?.job.state === 'RUN') gw.sim.advance({ start: 0, finish: 1 });
    await live.done;
    expect(live.messages.map((m) => m.data?.jobEvents.name)).toEqual(['finish', 'release', 'free', 'clean']);
  });

  it('jobChanges over SSE: one shared journal, filtered per subscriber, details only for the own jobs', async () => {
    const headers = { 'x-remote-user': owner };
    const mine = followSse<{ jobChanges: { job: { userName: string }; event: { context: unknown } } }>(
      gw.url,
      CHANGES,
      { filter: { users: [owner] } },
      headers,
    );
    const all = followSse<{
      jobChanges: { state: string; event: { name: string; context: unknown }; job: { userName: string } };
    }>(gw.url, CHANGES, { events: ['alloc', 'finish'] }, headers);
    expect(await mine.status).toBe(200);
    await waitUntil(() => (gw.sim.requestCounts['job-manager.events-journal'] ?? 0) === 1);
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 6; i++) gw.sim.advance({ start: 2, finish: 2, submit: 2 });
    await waitUntil(() => all.messages.length >= 20);
    expect(gw.sim.requestCounts['job-manager.events-journal']).toBe(1);
    expect(all.messages.every((m) => ['alloc', 'finish'].includes(m.data?.jobChanges.event.name as string))).toBe(true);
    for (const m of all.messages) {
      const c = m.data?.jobChanges;
      expect(c?.event.context === null).toBe(c?.job.userName !== owner);
    }
    expect(mine.messages.every((m) => m.data?.jobChanges.job.userName === owner)).toBe(true);
    mine.stop();
    all.stop();
    await waitUntil(() => (gw.sim.requestCounts['job-manager.events-journal-cancel'] ?? 0) === 1);
  });

  it('a subscription POSTed as plain JSON is BAD_USER_INPUT naming the transports (it was INTERNAL_SERVER_ERROR)', async () => {
    for (const query of [
      'subscription($id: JobId!) { jobEvents(id: $id) { name } }',
      'subscription($id: JobId!) { jobOutput(id: $id) { line { text } } }',
      'subscription { jobChanges { state } }',
    ]) {
      const res = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-remote-user': owner },
        body: JSON.stringify({ query, variables: query.includes('$id') ? { id: formatJobId(target.id) } : {} }),
      });
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors[0]?.message).toMatch(/^subscriptions run over WebSocket \(graphql-ws\) or Server-Sent Events/);
    }
    // With an operation name the document does not hold (GraphiQL's previous tab): a client fault on either engine
    // (the jit executor crashed on it: INTERNAL_SERVER_ERROR).
    for (const query of ['subscription A { jobChanges { state } }', 'query A { jobStats { failed } }']) {
      const res = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-remote-user': owner },
        body: JSON.stringify({ query, operationName: 'Welcome' }),
      });
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('Job.output and jobOutput: lines, a cap with truncated, null for a job that never ran; live to the last eof', async () => {
    const never = dataset.jobs.find((j) => j.job.state === 'INACTIVE' && j.job.tRun === undefined)?.job;
    const q = `query($id: JobId!, $max: Int) { job(id: $id) { output(maxBytes: $max) { lines { stream rank text } truncated complete encoding } } }`;
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-remote-user': owner },
      body: JSON.stringify({ query: q, variables: { id: formatJobId(target.id), max: 40 } }),
    });
    const body = (await res.json()) as { data: { job: { output: { lines: unknown[]; truncated: boolean } } } };
    expect(body.data.job.output.truncated).toBe(true);
    const neverRes = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-remote-user': nameOf(never?.userId as number) },
      body: JSON.stringify({ query: q, variables: { id: formatJobId(never?.id as bigint) } }),
    });
    expect(await neverRes.json()).toEqual({ data: { job: { output: null } } });
    const live = followWs<{ jobOutput: { line: { text: string } | null; eof: { stream: string } | null } }>(
      ws(owner),
      'subscription($id: JobId!) { jobOutput(id: $id) { line { text } eof { stream } } }',
      { id: formatJobId(target.id) },
    );
    await waitUntil(() => live.messages.length > 0);
    while (gw.sim.store.get(target.id)?.job.state === 'RUN') gw.sim.advance({ start: 0, finish: 1 });
    expect(await live.done).toBeUndefined();
    expect(live.messages.at(-1)?.data?.jobOutput.eof).not.toBeNull();
  });

  it('Flux going away ends every subscription with UPSTREAM_UNAVAILABLE; new ones work once it is back', async () => {
    const events = followWs(ws(owner), EVENTS, { id: formatJobId(target.id) });
    const changes = followWs(ws(owner), CHANGES, {});
    await waitUntil(
      () => events.messages.length > 0 && (gw.sim.requestCounts['job-manager.events-journal'] ?? 0) === 1,
    );
    await gw.sim.restart(200);
    await Promise.all([events.done, changes.done]);
    for (const sub of [events, changes])
      expect(sub.messages.at(-1)?.errors?.[0]?.extensions).toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        backend: 'flux',
      });
    const again = followWs<{ jobChanges: { event: { name: string } } }>(ws(owner), CHANGES, {});
    await waitUntil(() => (gw.sim.requestCounts['job-manager.events-journal'] ?? 0) === 2);
    await new Promise((r) => setTimeout(r, 300));
    gw.sim.advance({ start: 1, finish: 0 });
    await waitUntil(() => again.messages.length >= 3);
    const names = again.messages.map((m) => m.data?.jobChanges.event.name);
    expect(new Set(names).size).toBe(names.length);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/jobgraph_subscriptions_open 1/);
    expect(metrics).toMatch(
      /jobgraph_subscriptions_dropped_total\{transport="websocket",reason="UPSTREAM_UNAVAILABLE"\} 2/,
    );
  });

  it('applies the pre-execution checks of HTTP on both transports: document length, nesting, tokens, definitions', async () => {
    const documents: Record<string, string> = {
      'document length': `# ${'x'.repeat(70 * 1024)}\nsubscription { jobChanges { state } }`,
      nesting: `subscription { jobChanges(events: ${'['.repeat(80)}"a"${']'.repeat(80)}) { state } }`,
      tokens: `subscription { jobChanges { ${'state '.repeat(6_000)}} }`,
      operations: Array.from({ length: 120 }, (_, i) => `subscription S${i} { jobChanges { state } }`).join('\n'),
    };
    for (const [limit, query] of Object.entries(documents)) {
      const overWs = followWs(ws(owner), query, {});
      const wsErrors = (await overWs.done) as Array<{ extensions?: { code?: string; limit?: string } }>;
      expect([limit, wsErrors.map((e) => e.extensions?.code)]).toEqual([limit, ['QUERY_TOO_COMPLEX']]);
      const overSse = followSse(gw.url, query, {}, { 'x-remote-user': owner });
      expect([limit, await overSse.status]).toEqual([limit, 400]);
      const body = JSON.parse((await overSse.done) as string) as {
        errors: Array<{ message: string; extensions: { code: string } }>;
      };
      expect([limit, body.errors.map((e) => e.extensions.code)]).toEqual([limit, ['QUERY_TOO_COMPLEX']]);
      expect(body.errors[0]?.message).toContain(`query ${limit} is `);
    }
    // Nothing reached Flux: refused before any resolver.
    expect(gw.sim.requestCounts['job-manager.events-journal'] ?? 0).toBe(0);
  });

  it('refuses an unauthenticated WebSocket (4403) and SSE request (401); shutdown completes open subscriptions', async () => {
    const anonymous = followWs(wsClient(gw.url), EVENTS, { id: formatJobId(target.id) });
    expect(await anonymous.done).toMatchObject({ code: 4403 });
    const sse = followSse(gw.url, EVENTS, { id: formatJobId(target.id) });
    expect(await sse.status).toBe(401);
    const open = followWs(ws(owner), CHANGES, {});
    await waitUntil(() => (gw.sim.requestCounts['job-manager.events-journal'] ?? 0) === 1);
    await gw.server.close(2_000);
    await open.done;
  });
});
