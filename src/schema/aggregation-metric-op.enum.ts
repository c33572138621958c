import { registerEnumType } from 'type-graphql';

/** The statistic a METRIC aggregation computes. */
export enum MetricOp {
  AVG = 'AVG',
  SUM = 'SUM',
  MIN = 'MIN',
  MAX = 'MAX',
  CARDINALITY = 'CARDINALITY',
  PERCENTILES = 'PERCENTILES',
}

registerEnumType(MetricOp, { name: 'MetricOp', description: 'The statistic a METRIC aggregation computes.' });
