import fastify from 'fastify';
import type { FluxDatasource } from '../../src/datasources/flux/flux-datasource';
import { formatJobId } from '../../src/datasources/flux/job-id';
import { JOB_ENTRY_REQUIRED_ATTRS } from '../../src/datasources/flux/job.mapper';
import { decodeJobCursor, encodeJobCursor } from '../../src/resolvers/job-cursor';
import { fetchJobPage } from '../../src/resolvers/job-pager';
import { JobWindowHints } from '../../src/resolvers/job-window-hints';
import { jobspecView } from '../../src/resolvers/jobspec-view';
import { formatIsoDateTime } from '../../src/schema/scalars/iso-date-time';
import { toJsonSafe } from '../../src/schema/scalars/json.scalar';

/** What the ceiling's page endpoint takes: the `jobs` arguments of bench/gateway/page-query.ts (states only). */
interface PageRequest {
  first: number;
  after?: string | null;
  states?: ('INACTIVE' | 'RUN' | 'SCHED')[];
}

/**
 * The hand-written ceiling for a `jobs` page: the gateway's own pager (job-pager.ts: the same
 * listings, order and cursors) and the same Flux client, then the page's lookups and a JSON
 * answer holding the fields of {@link PAGE_FIELDS} shaped as the gateway shapes them — no
 * GraphQL, no Apollo, no loaders. What paging can cost with this client and pager alone: the
 * bound on the gateway's figures.
 */
export async function startPageCeiling(flux: FluxDatasource): Promise<{ url: string; close(): Promise<void> }> {
  const hints = new JobWindowHints();
  const app = fastify({ bodyLimit: 1 << 20 });
  app.post<{ Body: PageRequest }>('/page', async (request) => {
    const { first, after, states } = request.body;
    const cursor = after ? decodeJobCursor(after) : undefined;
    const page = await fetchJobPage(flux, {
      query: states ? { states } : {},
      submitted: {},
      first,
      after: cursor,
      now: Date.now() / 1000,
      hints,
      // What the page reads of a listed job (its id and cursor): the mapper's four, as the gateway lists.
      attrs: JOB_ENTRY_REQUIRED_ATTRS,
    });
    const infos = await Promise.all(page.jobs.map((job) => flux.lookup(job.id, ['eventlog', 'jobspec'])));
    const last = page.jobs[page.jobs.length - 1];
    return {
      jobs: page.jobs.map((job, i) => {
        const info = infos[i];
        const jobspec = info?.jobspec ? jobspecView(info.jobspec) : null;
        return {
          id: formatJobId(job.id),
          eventlog:
            info?.eventlog?.map((event) => ({
              name: event.name,
              timestamp: formatIsoDateTime(Math.round(event.timestamp * 1000)),
              context: event.context ? toJsonSafe(event.context) : null,
            })) ?? null,
          jobspec: jobspec && {
            command: jobspec.command ?? null,
            attributes: toJsonSafe(jobspec.attributes),
            resources: toJsonSafe(jobspec.resources),
          },
        };
      }),
      hasNextPage: page.hasNextPage,
      endCursor: last ? encodeJobCursor({ tSubmit: last.tSubmit, id: last.id }) : null,
    };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/page`, close: () => app.close() };
}
