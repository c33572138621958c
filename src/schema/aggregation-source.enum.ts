import { registerEnumType } from 'type-graphql';

/** Where `jobAggregations` reads from. A source that is not configured answers `UPSTREAM_UNAVAILABLE`. */
export enum AggregationSource {
  /** The job-history index (`JOBGRAPH_ELASTICSEARCH_URL`); fields as in the index, e.g. `state`, `submittedAt`. */
  ELASTICSEARCH = 'ELASTICSEARCH',
  /** The vendor jobs/aggs API (`JOBGRAPH_JOBS_API_*`); fields as the API names them, e.g. `job.state`, `@timestamp`. */
  JOBS_API = 'JOBS_API',
}

registerEnumType(AggregationSource, {
  name: 'AggregationSource',
  description: 'Where jobAggregations reads from. A source that is not configured answers UPSTREAM_UNAVAILABLE.',
  valuesConfig: {
    ELASTICSEARCH: { description: 'The job-history index; fields as in the index, e.g. state, submittedAt.' },
    JOBS_API: {
      description:
        'The vendor jobs/aggs API; fields as the API names them, e.g. job.state, @timestamp. Kinds: TERMS, DATE_HISTOGRAM, FILTER.',
    },
  },
});
