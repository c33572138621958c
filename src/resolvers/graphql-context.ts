import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Caller } from '../auth/caller';
import type { DetailsGuard } from '../auth/details-guard';
import type { BackendCallCounts } from '../datasources/datasource-calls.observer';
import type { Datasources } from '../datasources/create-datasources';
import type { FluxCluster } from '../datasources/flux/flux-clusters';
import type { JournalHub } from '../datasources/flux/journal-hub';
import type { StreamRegistry } from '../datasources/streams/stream-registry';
import type { ForwarderSettings } from '../forwarder/forwarder-settings';
import type { Loaders } from '../loaders/create-loaders';
import type { JobDetailsAhead } from './job-details-ahead';
import type { JobWindowHints } from './job-window-hints';
import type { JobControlServices } from './job-control.port';

/** The process-wide pieces subscriptions use (absent in contexts built without a server, e.g. some tests). */
export interface SubscriptionServices {
  /** The one shared job-manager.events-journal stream of the default cluster (jobChanges). */
  journal: JournalHub;
  /** The shared journal stream of another cluster of JOBGRAPH_FLUX_CLUSTERS (made on first use, one per cluster). */
  journalOf(cluster: FluxCluster): JournalHub;
  /** Open subscription streams: counted in /metrics, ended on shutdown. */
  streams: StreamRegistry;
  /** Messages that may wait for one subscriber before SLOW_CONSUMER (`JOBGRAPH_SUBSCRIPTION_MAX_BACKLOG`). */
  maxBacklog: number;
}

/** What every resolver receives. Built fresh for each request by the server's `createContext` (src/server/context.ts). */
export interface GraphQLContext {
  /** Request id (the `x-request-id` header when sent, else generated); in every log line and masked error. */
  requestId: string;
  /** Logger bound to this request (`requestId` set). */
  logger: Logger;
  caller: Caller;
  /** Enforces who may see a job's details (eventlog, jobspec, environment, R, download keys). */
  guard: DetailsGuard;
  /** The process-wide datasources, seen through a per-request call counter. */
  datasources: Datasources;
  /** This request's loaders. */
  loaders: Loaders;
  /** Backend calls made so far by this request (`flux.lookup` → 100). */
  backendCalls: BackendCallCounts;
  /** Request start, epoch ms: the "now" of derived values such as a running job's runtime. */
  now: number;
  /** The server's memory of how densely jobs were submitted (sizes `jobs` pages' first window). */
  jobWindowHints?: JobWindowHints | undefined;
  /** Job details a `jobs` page looked up ahead for its fields (job-details-ahead.ts); made by the first such page. */
  jobDetailsAhead?: JobDetailsAhead | undefined;
  /** Errors of fields answered in part (addPartialError), appended to the response by partialErrorsPlugin. */
  partialErrors: GraphQLError[];
  /** Job control: whether it is on, the urgencies before holds, the audit (docs/job-control.md). */
  jobControl: JobControlServices;
  /** Present when the context belongs to a server (HTTP, WebSocket or SSE). */
  subscriptions?: SubscriptionServices | undefined;
  /** How `forwardJobs` forwards, from the server's configuration; every default when absent. */
  forwarder?: ForwarderSettings | undefined;
}
