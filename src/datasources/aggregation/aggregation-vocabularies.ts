import { ELASTIC_VOCABULARY } from '../elastic/elastic-aggregation.vocabulary';
import { FLUX_VOCABULARY } from '../flux/flux-aggregation.vocabulary';
import { JOBS_AGGS_VOCABULARY } from '../jobs-aggs/jobs-aggs-vocabulary';
import type { SourceVocabulary } from './aggregation-vocabulary';

/** Where jobAggregations reads from (the GraphQL enum AggregationSource). */
export type AggregationSourceName = 'ELASTICSEARCH' | 'JOBS_API' | 'FLUX';

/** Each source's table of the aggregation vocabulary. */
export const VOCABULARIES: Readonly<Record<AggregationSourceName, SourceVocabulary>> = {
  ELASTICSEARCH: ELASTIC_VOCABULARY,
  JOBS_API: JOBS_AGGS_VOCABULARY,
  FLUX: FLUX_VOCABULARY,
};
