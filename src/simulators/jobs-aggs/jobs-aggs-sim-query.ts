import { calendarUnit, fixedIntervalMs } from '../../datasources/aggregation/date-interval';
import type { CalendarUnit } from '../../datasources/aggregation/date-interval';
import { SIMULATOR_MAPPING } from './jobs-aggs-documents';

/** A request the simulated API refuses with 400 `{status_code, detail}`. */
export class SimulatedBadRequest extends Error {}

/** One parsed aggregation of a request. */
export type SimulatedAggregation =
  | { kind: 'terms'; field: string; size: number }
  | {
      kind: 'date_histogram';
      field: string;
      fixedMs?: number;
      calendar?: CalendarUnit;
      minDocCount: number;
      bounds?: { min: number; max: number };
    }
  | { kind: 'filter'; field: string; value: string | number };

/** A validated aggs request body. */
export interface SimulatedQuery {
  application: string;
  appTypes: string[] | undefined;
  domains: string[] | undefined;
  fromMs: number;
  toMs: number;
  includesEu: boolean;
  aggs: Array<[string, SimulatedAggregation]>;
}

const APPLICATIONS = ['atr', 'klewer', 'eventops', 'quasar'];
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const KINDS_BY_TYPE: Record<string, string[]> = {
  date: ['date_histogram'],
  keyword: ['terms', 'filter'],
  long: ['terms', 'filter'],
};
function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function stringList(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string'))
    throw new SimulatedBadRequest(`${field} must be a string or a list of strings`);
  return list.length > 0 ? list : undefined;
}

function time(value: unknown, field: string): number {
  if (typeof value !== 'string' || !TIME.test(value))
    throw new SimulatedBadRequest(`Invalid ${field}: expected YYYY-MM-DDTHH:MM:SSZ`);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new SimulatedBadRequest(`Invalid ${field}: not a date`);
  return ms;
}

function fieldOf(params: Record<string, unknown>, kind: string): string {
  const field = params['field'];
  if (typeof field !== 'string') throw new SimulatedBadRequest(`Required [field] missing for aggregation [${kind}]`);
  const type = SIMULATOR_MAPPING[field];
  if (type !== undefined && !KINDS_BY_TYPE[type]?.includes(kind)) {
    throw new SimulatedBadRequest(`Field [${field}] of type [${type}] is not supported for aggregation [${kind}]`);
  }
  return field;
}

function histogram(params: Record<string, unknown>): SimulatedAggregation {
  const field = fieldOf(params, 'date_histogram');
  const fixed = params['fixed_interval'];
  const calendar = params['calendar_interval'];
  if ((fixed === undefined) === (calendar === undefined))
    throw new SimulatedBadRequest('date_histogram needs exactly one of [fixed_interval] and [calendar_interval]');
  const fixedMs = typeof fixed === 'string' ? fixedIntervalMs(fixed) : undefined;
  if (fixed !== undefined && fixedMs === undefined)
    throw new SimulatedBadRequest(
      `failed to parse setting [date_histogram.fixedInterval] with value [${String(fixed)}] as a time value`,
    );
  const unit = typeof calendar === 'string' ? calendarUnit(calendar) : undefined;
  if (calendar !== undefined && !unit)
    throw new SimulatedBadRequest(
      `The supplied interval [${String(calendar)}] could not be parsed as a calendar interval.`,
    );
  const minDocCount = params['min_doc_count'] ?? 0;
  if (typeof minDocCount !== 'number' || !Number.isInteger(minDocCount) || minDocCount < 0)
    throw new SimulatedBadRequest('[min_doc_count] must be greater than or equal to 0.');
  const bounds = record(params['extended_bounds']);
  const min = bounds?.['min'];
  const max = bounds?.['max'];
  if (bounds && (typeof min !== 'number' || typeof max !== 'number' || min > max))
    throw new SimulatedBadRequest('[extended_bounds.min] must be a number not above [extended_bounds.max]');
  return {
    kind: 'date_histogram',
    field,
    ...(fixedMs !== undefined ? { fixedMs } : {}),
    ...(unit ? { calendar: unit } : {}),
    minDocCount,
    ...(bounds ? { bounds: { min: min as number, max: max as number } } : {}),
  };
}

function aggregation(name: string, value: unknown): SimulatedAggregation {
  const spec = record(value);
  if (!NAME.test(name)) throw new SimulatedBadRequest(`Invalid aggregation name [${name}]`);
  if (!spec) throw new SimulatedBadRequest(`Aggregation [${name}] must be an object`);
  if ('aggs' in spec || 'aggregations' in spec) throw new SimulatedBadRequest('Sub-aggregations are not supported');
  const kinds = Object.keys(spec);
  const kind = kinds[0];
  if (kinds.length !== 1 || kind === undefined)
    throw new SimulatedBadRequest(`Aggregation [${name}] must have exactly one type`);
  const params = record(spec[kind]);
  if (!['terms', 'date_histogram', 'filter'].includes(kind))
    throw new SimulatedBadRequest(`Unsupported aggregation type: ${kind}`);
  if (!params) throw new SimulatedBadRequest(`Aggregation [${name}] of type [${kind}] must be an object`);
  if (kind === 'terms') {
    const size = params['size'] ?? 10;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
      throw new SimulatedBadRequest('[size] must be greater than 0.');
    return { kind, field: fieldOf(params, kind), size };
  }
  if (kind === 'date_histogram') return histogram(params);
  const term = record(params['term']);
  const entries = term ? Object.entries(term) : [];
  const [field, termValue] = entries[0] ?? [];
  if (entries.length !== 1 || field === undefined || (typeof termValue !== 'string' && typeof termValue !== 'number')) {
    throw new SimulatedBadRequest(`filter aggregation [${name}] needs one term`);
  }
  return { kind: 'filter', field, value: termValue };
}

/** Validates an aggs request body (contract §9); throws {@link SimulatedBadRequest} with the API's wording. */
export function parseSimulatedQuery(body: unknown): SimulatedQuery {
  const input = record(body);
  if (!input) throw new SimulatedBadRequest('Request body must be a JSON object');
  const application = input['application'];
  if (typeof application !== 'string' || !APPLICATIONS.includes(application)) {
    throw new SimulatedBadRequest(`Invalid application type. Must be one of: ${APPLICATIONS.join(', ')}`);
  }
  const fromMs = time(input['start_time'], 'start_time');
  const toMs = time(input['end_time'], 'end_time');
  if (fromMs > toMs) throw new SimulatedBadRequest('start_time must not be after end_time');
  const aggs = record(input['aggs']);
  const entries = aggs ? Object.entries(aggs) : [];
  if (entries.length < 1 || entries.length > 25) throw new SimulatedBadRequest('aggs must hold 1 to 25 aggregations');
  return {
    application,
    appTypes: stringList(input['app_type'], 'app_type'),
    domains: stringList(input['domain'], 'domain'),
    fromMs,
    toMs,
    includesEu: input['includes_eu'] === true,
    aggs: entries.map(([name, value]) => [name, aggregation(name, value)]),
  };
}
