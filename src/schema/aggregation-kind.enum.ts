import { registerEnumType } from 'type-graphql';

/** The kind of one aggregation; each source documents which kinds it accepts. */
export enum AggregationKind {
  TERMS = 'TERMS',
  DATE_HISTOGRAM = 'DATE_HISTOGRAM',
  FILTER = 'FILTER',
  RANGE = 'RANGE',
  METRIC = 'METRIC',
}

registerEnumType(AggregationKind, {
  name: 'AggregationKind',
  description: 'The kind of one aggregation; each source documents which kinds it accepts.',
});
