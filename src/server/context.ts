import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Datasources } from '../datasources/create-datasources';
import type { Caller } from '../auth/caller';
import { createDetailsGuard } from '../auth/details-guard';
import type { DetailsGuard } from '../auth/details-guard';
import { createLoaders } from '../loaders/create-loaders';
import type { LoaderRequestInfo, Loaders } from '../loaders/create-loaders';
import { countBackendCalls } from './count-backend-calls';
import type { JobWindowHints } from '../resolvers/job-window-hints';
import type { BackendCallCounts } from './count-backend-calls';

/** What every resolver receives. Built fresh for each request by {@link createContext}. */
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
  /** Errors of fields answered in part (addPartialError), appended to the response by partialErrorsPlugin. */
  partialErrors: GraphQLError[];
}

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
}): GraphQLContext {
  const backendCalls: BackendCallCounts = {};
  const datasources = countBackendCalls(options.datasources, backendCalls);
  return {
    requestId: options.requestId,
    logger: options.logger,
    caller: options.caller,
    guard: createDetailsGuard(options.caller, options.datasources.users),
    datasources,
    loaders: createLoaders(datasources, options.caller, options.request),
    backendCalls,
    now: options.now ?? Date.now(),
    jobWindowHints: options.jobWindowHints,
    partialErrors: [],
  };
}
