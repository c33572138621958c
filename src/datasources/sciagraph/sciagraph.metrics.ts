import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { SciagraphDatasource } from './sciagraph-datasource';

/**
 * Registers the report index gauges on `registry`, read at scrape time:
 * `jobgraph_sciagraph_reports{status}` (indexed, pending, invalid, no-id, legacy) and
 * `jobgraph_sciagraph_root_up{root}` (1 while the root is readable).
 */
export function registerSciagraphMetrics(
  registry: Registry,
  sciagraph: Pick<SciagraphDatasource, 'statusCounts' | 'rootHealth'>,
): void {
  new Gauge({
    name: 'jobgraph_sciagraph_reports',
    help: 'Sciagraph report.json files seen by the report index, by status',
    labelNames: ['status'],
    registers: [registry],
    collect() {
      for (const [status, count] of Object.entries(sciagraph.statusCounts())) this.set({ status }, count);
    },
  });
  new Gauge({
    name: 'jobgraph_sciagraph_root_up',
    help: 'Whether a Sciagraph report root is readable (1) or not (0)',
    labelNames: ['root'],
    registers: [registry],
    collect() {
      for (const { root, up } of sciagraph.rootHealth()) this.set({ root }, up ? 1 : 0);
    },
  });
}
