import { Session } from 'node:inspector';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { GraphQLObjectType, GraphQLScalarType, GraphQLSchema } from 'graphql';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { closeDatasources, createDatasources } from '../../../src/datasources/create-datasources';
import type { Datasources } from '../../../src/datasources/create-datasources';
import type { JobDetailsAhead } from '../../../src/resolvers/job-details-ahead';
import type { GraphQLContext } from '../../../src/resolvers/graphql-context';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';

/**
 * What a GraphQL request leaves reachable for V8's young-generation GC (the scavenger) once it has
 * answered (src/server/plugins/request-release.plugin.ts, src/server/http/utf8-body.ts). Apollo's
 * gateway interface gives every execution status accessors over its copy of the request context, and V8
 * keeps accessor pairs in the old generation: until the next full GC each scavenge treated that copy —
 * its context value and response — as alive. The gateway answered 500-job pages whose infos, events
 * and result trees were all copied by every scavenge and promoted (docs/performance.md).
 *
 * How: a schema of one field whose resolver hangs a weight made by a function of its own on each thing
 * a request holds — the result's data (a scalar's value, left out of the answer), the loaders' cache and
 * the `jobs` look-ahead slot — then, after a full GC, a few requests over HTTP and one young-generation GC
 * with no request in flight, the sampling heap profiler says which weights that GC kept. A weight the test
 * itself holds shows the measure sees what is kept.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor'; execution: 'sync' }) => void;

const WEIGHT = 50_000;
/** Each makes a weight of ~400 KB (an array of WEIGHT numbers); the profiler names its allocations after the maker. */
function resultWeight(): number[] {
  return new Array<number>(WEIGHT).fill(1);
}
function cachedWeight(): number[] {
  return new Array<number>(WEIGHT).fill(2);
}
function lookAheadWeight(): number[] {
  return new Array<number>(WEIGHT).fill(3);
}
function heldWeight(): number[] {
  return new Array<number>(WEIGHT).fill(4);
}
const MAKERS = ['resultWeight', 'cachedWeight', 'lookAheadWeight', 'heldWeight'] as const;
type Maker = (typeof MAKERS)[number];

/** A scalar answered as its value is: an object carrying its weight where the answer does not show it. */
const Carrier = new GraphQLScalarType({ name: 'Carrier', serialize: (value) => value });

function weighted(weight: number[]): object {
  return Object.defineProperty({ ok: true }, 'weight', { value: weight, enumerable: false });
}

const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, GraphQLContext>({
    name: 'Query',
    fields: {
      carrier: {
        type: Carrier,
        resolve: (_root, _args, context) => {
          // What a page keeps per request: loader answers (cached) and its look-ahead.
          context.loaders.users.userName.prime(1, cachedWeight() as unknown as string);
          context.jobDetailsAhead = weighted(lookAheadWeight()) as unknown as JobDetailsAhead;
          return weighted(resultWeight());
        },
      },
    },
  }),
});

type Post = (method: string, params?: object) => Promise<unknown>;
interface ProfileNode {
  callFrame: { functionName: string };
  selfSize: number;
  children: ProfileNode[];
}

/** Bytes of the sampled allocations still alive, by the weight maker on their stack. */
function keptByMaker(head: ProfileNode): Record<Maker, number> {
  const kept = Object.fromEntries(MAKERS.map((m) => [m, 0])) as Record<Maker, number>;
  const walk = (node: ProfileNode, makers: Maker[]): void => {
    const name = node.callFrame.functionName as Maker;
    const here = MAKERS.includes(name) ? [...makers, name] : makers;
    for (const maker of here) kept[maker] += node.selfSize;
    for (const child of node.children) walk(child, here);
  };
  walk(head, []);
  return kept;
}

let flux: FluxSimulator;
let datasources: Datasources;
let server: GatewayServer;
let url: string;
let session: Session;
let post: Post;

beforeAll(async () => {
  flux = await startFluxSimulator({ dataset: generateDataset({ seed: 3, jobCount: 5 }) });
  const config = loadConfig({ env: { JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off', FLUX_URI: flux.uri } });
  const built = createDatasources(config);
  datasources = built.datasources;
  server = await createServer({
    config,
    datasources,
    policies: built.policies,
    logger: pino({ level: 'silent' }),
    schema,
  });
  url = `${await server.listen()}/graphql`;
  session = new Session();
  session.connect();
  post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
    );
});

afterAll(async () => {
  session.disconnect();
  await server.close(1_000);
  await closeDatasources(datasources);
  await flux.close();
});

async function ask(): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ carrier }' }),
  });
  expect(await response.json()).toEqual({ data: { carrier: { ok: true } } });
}

describe('after a request has answered', () => {
  it('its result data, loader caches and look-ahead do not survive a young-generation GC', async () => {
    for (let i = 0; i < 3; i++) await ask(); // compiled, warm
    gc({ type: 'major', execution: 'sync' });
    gc({ type: 'major', execution: 'sync' });
    await post('HeapProfiler.startSampling', {
      samplingInterval: 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: false,
    });
    let held: number[] | undefined;
    try {
      held = heldWeight();
      for (let i = 0; i < 4; i++) await ask();
      await new Promise((resolve) => setImmediate(resolve)); // the server's end of the last request done
      gc({ type: 'minor', execution: 'sync' });
      const { profile } = (await post('HeapProfiler.getSamplingProfile')) as { profile: { head: ProfileNode } };
      const kept = keptByMaker(profile.head);
      // The measure sees a kept weight (~400 KB, sampled every 1 KB on average).
      expect(kept.heldWeight).toBeGreaterThan(WEIGHT * 4);
      expect(held.length).toBe(WEIGHT);
      // Before the release: four of each (~1.6 MB) kept by every scavenge until the next full GC.
      expect({ result: kept.resultWeight, cache: kept.cachedWeight, lookAhead: kept.lookAheadWeight }).toEqual({
        result: 0,
        cache: 0,
        lookAhead: 0,
      });
    } finally {
      await post('HeapProfiler.stopSampling');
    }
  });
});
