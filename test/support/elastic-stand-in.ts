import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpFaultSwitch } from './http-fault-switch';
import type { HttpFaultSwitch } from './http-fault-switch';

/** A stand-in Elasticsearch node, or a proxy in front of a real one, with the HTTP fault switch. */
export interface ElasticStandIn {
  url: string;
  faults: HttpFaultSwitch;
  close(): Promise<void>;
}

const EMPTY_SEARCH = {
  took: 1,
  timed_out: false,
  _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
  hits: { total: { value: 0, relation: 'eq' }, max_score: null, hits: [] },
};

/**
 * Without `upstream`: answers what the gateway's job-history reads need from a healthy node with
 * nothing indexed (`_search`, `_cluster/health`), with the product header the official client
 * checks. With `upstream` (a real node's URL): forwards every request to it. Either way the fault
 * switch can kill it, stall it or make it answer garbage in the node's place.
 */
export async function startElasticStandIn(upstream?: string): Promise<ElasticStandIn> {
  const server = createServer((req, res) => {
    if (faults.intercept(req, res)) return;
    if (upstream) {
      const forwarded = request(
        new URL(req.url ?? '/', upstream),
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forwarded.on('error', () => res.destroy());
      req.pipe(forwarded);
      return;
    }
    req.resume();
    req.once('end', () => {
      const body = (req.url ?? '').includes('/_cluster/health')
        ? { cluster_name: 'stand-in', status: 'green', timed_out: false }
        : EMPTY_SEARCH;
      res
        .writeHead(200, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' })
        .end(JSON.stringify(body));
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
