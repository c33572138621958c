import type { FluxJobEvent } from '../datasources/flux/flux-job';
import type { JobEvent } from '../schema/job-event.type';

/** A Flux eventlog entry as the GraphQL JobEvent (timestamp to the millisecond). */
export const toJobEvent = (event: FluxJobEvent): JobEvent => ({
  timestamp: new Date(Math.round(event.timestamp * 1000)),
  name: event.name,
  ...(event.context ? { context: event.context } : {}),
});
