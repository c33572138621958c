import type { Logger } from 'pino';
import type { Datasources } from '../datasources/create-datasources';
import type { Caller } from '../auth/caller';
import { createDetailsGuard } from '../auth/details-guard';
import { createLoaders } from '../loaders/create-loaders';
import type { LoaderRequestInfo } from '../loaders/create-loaders';
import { countBackendCalls } from '../datasources/datasource-calls.observer';
import type { JobWindowHints } from '../resolvers/job-window-hints';
import type { BackendCallCounts } from '../datasources/datasource-calls.observer';
import { HeldUrgencies } from '../resolvers/held-urgencies';
import type { JobControlServices } from '../resolvers/job-control.port';
import type { ForwarderSettings } from '../forwarder/forwarder-settings';

/** Job control as a context gets it when none is given: off. */
const JOB_CONTROL_OFF: JobControlServices = {
  enabled: false,
  heldUrgencies: new HeldUrgencies(),
  audit: () => undefined,
};
import type { GraphQLContext, SubscriptionServices } from '../resolvers/graphql-context';

/** Builds one request's context: counting datasource view, fresh loaders. */
export function createContext(options: {
  requestId: string;
  logger: Logger;
  caller: Caller;
  datasources: Datasources;
  now?: number;
  /** Process-wide job window hints (one per server). */
  jobWindowHints?: JobWindowHints;
  /** Parts of the HTTP request loaders forward to backends (the caller's eLog Kerberos token). */
  request?: LoaderRequestInfo;
  /** This request's job control services; default off. */
  jobControl?: JobControlServices;
  subscriptions?: SubscriptionServices;
  /** The forwarder's settings from the configuration (the `forwardJobs` mutation); default every default. */
  forwarder?: ForwarderSettings;
}): GraphQLContext {
  const backendCalls: BackendCallCounts = {};
  const datasources = countBackendCalls(options.datasources, backendCalls);
  const now = options.now ?? Date.now();
  return {
    requestId: options.requestId,
    logger: options.logger,
    caller: options.caller,
    guard: createDetailsGuard(options.caller, options.datasources.users),
    datasources,
    loaders: createLoaders(datasources, now, options.request),
    backendCalls,
    now,
    jobWindowHints: options.jobWindowHints,
    // Set by the first `jobs` page that looks ahead; present from the start so every context has one shape.
    jobDetailsAhead: undefined,
    partialErrors: [],
    jobControl: options.jobControl ?? JOB_CONTROL_OFF,
    subscriptions: options.subscriptions,
    forwarder: options.forwarder,
  };
}
