import type { FluxJobEvent } from '../datasources/flux/flux-job';
import type { JobEvent } from '../schema/job-event.type';

/**
 * A Flux eventlog entry as the GraphQL JobEvent (timestamp in epoch milliseconds, which the DateTime
 * scalar formats: no Date per entry, ~1,000 per Q1 page). Every event gets the
 * same three properties (`context` undefined when the event has none, which both engines answer as
 * null): one object shape for the executor's reads, and no spread of a temporary object per event.
 */
export const toJobEvent = (event: FluxJobEvent): JobEvent => ({
  timestamp: Math.round(event.timestamp * 1000),
  name: event.name,
  context: event.context || undefined,
});
