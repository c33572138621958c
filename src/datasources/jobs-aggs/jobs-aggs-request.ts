import { BadUserInputError } from '../../errors';
import type { AggregationFilterSpec } from '../aggregation/aggregation-query';

/** The body of one aggs request without `aggs` (contract §3.2); its JSON is the batching group key. */
export interface JobsAggsGroupBody {
  application: string;
  app_type?: string[];
  domain?: string[];
  start_time: string;
  end_time: string;
  includes_eu: boolean;
}

/** The default window's length: [now − 90 d, now], as in the vendor's example. */
export const DEFAULT_WINDOW_MS = 90 * 86_400_000;

/** Filter fields the jobs/aggs API has no body field for (contract §3.2). */
const UNSUPPORTED_FILTER_FIELDS = ['states', 'results', 'users', 'queues', 'banks', 'experiments'] as const;

/** The time window a filter asks for, epoch ms, with the default [now − 90 d, now] filled in. */
export function resolveWindow(filter: AggregationFilterSpec, nowMs: number): { fromMs: number; toMs: number } {
  const toMs = filter.to ?? nowMs;
  const fromMs = filter.from ?? toMs - DEFAULT_WINDOW_MS;
  return { fromMs, toMs };
}

/** `YYYY-MM-DDTHH:MM:SSZ` of a whole-second epoch-ms time. */
function wireTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sortedUnique(values: string[] | undefined): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  return [...new Set(values)].sort();
}

/**
 * The group part of an aggs request body for `filter`: `application` (else `defaultApplication`),
 * `app_type` and `domain` sorted, deduplicated and omitted when empty, the window rounded
 * outward to whole seconds, `includes_eu` always present. Throws `BAD_USER_INPUT` for filter
 * fields the API cannot express and for a window that starts after it ends.
 */
export function buildGroupBody(
  filter: AggregationFilterSpec,
  defaultApplication: string,
  nowMs: number,
): JobsAggsGroupBody {
  const unsupported = UNSUPPORTED_FILTER_FIELDS.filter((field) => (filter[field]?.length ?? 0) > 0);
  if (unsupported.length > 0) {
    throw new BadUserInputError(`filter field(s) ${unsupported.join(', ')} are not supported by source JOBS_API`, {
      fields: unsupported.join(','),
    });
  }
  const { fromMs, toMs } = resolveWindow(filter, nowMs);
  if (fromMs > toMs) {
    throw new BadUserInputError(
      `filter.from (${new Date(fromMs).toISOString()}) is after filter.to (${new Date(toMs).toISOString()})`,
    );
  }
  const appTypes = sortedUnique(filter.appTypes);
  const domains = sortedUnique(filter.domains);
  return {
    application: filter.application ?? defaultApplication,
    ...(appTypes ? { app_type: appTypes } : {}),
    ...(domains ? { domain: domains } : {}),
    start_time: wireTime(Math.floor(fromMs / 1000) * 1000),
    end_time: wireTime(Math.ceil(toMs / 1000) * 1000),
    includes_eu: filter.includesEu ?? false,
  };
}

/** The canonical key of a group body: its JSON, whose key order and arrays {@link buildGroupBody} fixes. */
export function groupKeyOf(body: JobsAggsGroupBody): string {
  return JSON.stringify(body);
}

/** The window of a group body back in epoch ms, as the API will apply it. */
export function groupWindowMs(body: JobsAggsGroupBody): { fromMs: number; toMs: number } {
  return { fromMs: Date.parse(body.start_time), toMs: Date.parse(body.end_time) };
}
