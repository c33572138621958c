import { registerEnumType } from 'type-graphql';
import { AGGREGATION_FIELDS } from '../datasources/aggregation/aggregation-field';
import type { AggregationFieldName } from '../datasources/aggregation/aggregation-field';
import { VOCABULARIES } from '../datasources/aggregation/aggregation-vocabularies';

/** The vocabulary fields as a GraphQL enum (values = names). */
export const AggregationField = Object.fromEntries(AGGREGATION_FIELDS.map((name) => [name, name])) as {
  [K in AggregationFieldName]: K;
};

const MEANING: Readonly<Record<AggregationFieldName, string>> = {
  STATE: 'Flux state: DEPEND, PRIORITY, SCHED, RUN, CLEANUP, INACTIVE.',
  RESULT: 'Result of an inactive job: COMPLETED, FAILED, CANCELED, TIMEOUT (CANCELED with one L on every source).',
  STATUS: 'PENDING (DEPEND, PRIORITY, SCHED), RUNNING (RUN, CLEANUP), else the RESULT value.',
  USER: 'Submitting user name.',
  QUEUE: 'Queue name.',
  BANK: 'Accounting bank.',
  PROJECT: 'Project.',
  CLUSTER: 'The Flux cluster the job ran on.',
  NAME: 'Job name.',
  EXPERIMENT: 'LCLS experiment of the job.',
  RUN: 'eLog run number of the job.',
  HOST: 'A host the job ran on (a job counts once under each of its hosts).',
  SUBMITTED_AT: 'Submit time (date).',
  STARTED_AT: 'Start time (date).',
  INACTIVE_AT: 'Time the job became inactive (date).',
  RUNTIME: 'Seconds run (until cleanup; until now while running, FLUX).',
  QUEUED: 'Seconds between submit and start (until now while pending, FLUX).',
  TIME_LIMIT: 'Time limit in seconds (absent when unlimited).',
  NODES: 'Number of nodes.',
  CORES: 'Number of cores.',
  TASKS: 'Number of tasks.',
};

function sources(field: AggregationFieldName): string {
  const held = Object.entries(VOCABULARIES).flatMap(([source, table]) => {
    const entry = table.fields[field];
    return entry ? [`${source} "${entry.field}"`] : [];
  });
  return held.length > 0 ? `Held by ${held.join(', ')}.` : 'Held by no source yet.';
}

registerEnumType(AggregationField, {
  name: 'AggregationField',
  description:
    'The aggregation vocabulary: one set of fields and values for every jobAggregations source, mapped to each source by the gateway. ' +
    'A field a source lacks is BAD_USER_INPUT naming the source and the field. Dates are epoch-ms bucket keys; durations are seconds.',
  valuesConfig: Object.fromEntries(
    AGGREGATION_FIELDS.map((field) => [field, { description: `${MEANING[field]} ${sources(field)}` }]),
  ),
});
