import { startGatewayProcess } from '../../../bench/gateway/gateway-process';
import type { GatewayProcess } from '../../../bench/gateway/gateway-process';
import { PAGE_QUERY } from '../../../bench/gateway/page-query';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { generateDataset } from '../../../src/simulators/dataset';

/**
 * The seed bench's hand-written endpoint (bench/gateway/page-ceiling.ts) is a ceiling only if it
 * answers what the gateway answers: the same jobs in the same order, byte for byte the same fields,
 * and cursors the gateway accepts. Pages of inactive jobs, as the bench walks them.
 */
const DATASET = { jobCount: 3_000, seed: 1, now: 1_800_000_000 };
const post = async (url: string, body: unknown): Promise<Record<string, unknown>> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
};

describe("the seed bench's hand-written page endpoint", () => {
  let sim: FluxSimulator;
  let gateway: GatewayProcess;
  beforeAll(async () => {
    sim = await startFluxSimulator({ dataset: generateDataset(DATASET) });
    gateway = await startGatewayProcess(sim.uri, DATASET);
  }, 60_000);
  afterAll(async () => {
    gateway?.close();
    await sim?.close();
  });

  it('answers the gateway’s pages byte for byte, with cursors the gateway takes', async () => {
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const viaGraphql = (await post(gateway.url, {
        query: PAGE_QUERY,
        variables: { first: 200, after, filter: { states: ['INACTIVE'] } },
      })) as { data: { jobs: { edges: { node: unknown }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
      const handWritten = (await post(gateway.ceilingUrl, { first: 200, after, states: ['INACTIVE'] })) as {
        jobs: unknown[];
        hasNextPage: boolean;
        endCursor: string;
      };
      const jobs = viaGraphql.data.jobs;
      expect(jobs.edges).toHaveLength(200);
      expect(JSON.stringify(handWritten.jobs)).toBe(JSON.stringify(jobs.edges.map((edge) => edge.node)));
      expect(handWritten.endCursor).toBe(jobs.pageInfo.endCursor);
      expect(handWritten.hasNextPage).toBe(jobs.pageInfo.hasNextPage);
      after = jobs.pageInfo.endCursor;
    }
  }, 60_000);
});
