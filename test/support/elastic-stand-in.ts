import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpFaultSwitch } from '../../src/simulators/http-fault-switch';
import type { HttpFaultSwitch } from '../../src/simulators/http-fault-switch';

/** A stand-in Elasticsearch node: empty searches and a green cluster, with the HTTP fault switch. */
export interface ElasticStandIn {
  url: string;
  faults: HttpFaultSwitch;
  close(): Promise<void>;
}

const EMPTY_SEARCH = { took: 1, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { total: { value: 0, relation: 'eq' }, max_score: null, hits: [] } };

/**
 * Answers what the gateway's job-history reads need from a healthy node with nothing indexed
 * (`_search`, `_cluster/health`), with the product header the official client checks. The
 * real node runs in the `elastic` jest project; this one exists to be killed, stalled and garbled.
 */
export async function startElasticStandIn(): Promise<ElasticStandIn> {
  const server = createServer((req, res) => {
    if (faults.intercept(req, res)) return;
    req.resume();
    req.once('end', () => {
      const body = (req.url ?? '').includes('/_cluster/health') ? { cluster_name: 'stand-in', status: 'green', timed_out: false } : EMPTY_SEARCH;
      res.writeHead(200, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' }).end(JSON.stringify(body));
    });
  });
  const faults = createHttpFaultSwitch(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    faults,
    async close() {
      faults.set('none');
      server.closeAllConnections();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
