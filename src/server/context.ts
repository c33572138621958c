import type { Logger } from 'pino';
import type { Datasources } from '../datasources/create-datasources';
import type { Caller } from './auth/caller';
import { createLoaders } from '../loaders/create-loaders';
import type { Loaders } from '../loaders/create-loaders';
import { countBackendCalls } from './count-backend-calls';
import type { BackendCallCounts } from './count-backend-calls';

/** What every resolver receives. Built fresh for each request by {@link createContext}. */
export interface GraphQLContext {
  /** Request id (the `x-request-id` header when sent, else generated); in every log line and masked error. */
  requestId: string;
  /** Logger bound to this request (`requestId` set). */
  logger: Logger;
  caller: Caller;
  /** The process-wide datasources, seen through a per-request call counter. */
  datasources: Datasources;
  /** This request's loaders. */
  loaders: Loaders;
  /** Backend calls made so far by this request (`flux.lookup` → 100). */
  backendCalls: BackendCallCounts;
  /** Request start, epoch ms: the "now" of derived values such as a running job's runtime. */
  now: number;
}

/** Builds one request's context: counting datasource view, fresh loaders. */
export function createContext(options: {
  requestId: string;
  logger: Logger;
  caller: Caller;
  datasources: Datasources;
  now?: number;
}): GraphQLContext {
  const backendCalls: BackendCallCounts = {};
  const datasources = countBackendCalls(options.datasources, backendCalls);
  return {
    requestId: options.requestId,
    logger: options.logger,
    caller: options.caller,
    datasources,
    loaders: createLoaders(datasources, options.caller),
    backendCalls,
    now: options.now ?? Date.now(),
  };
}
