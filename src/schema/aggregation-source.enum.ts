import { registerEnumType } from 'type-graphql';

/** Where `jobAggregations` reads from. A source that is not configured answers `UPSTREAM_UNAVAILABLE`. */
export enum AggregationSource {
  /** The job-history index (`JOBGRAPH_ELASTICSEARCH_URL`); raw fields as in the index, e.g. `state`, `submittedAt`. */
  ELASTICSEARCH = 'ELASTICSEARCH',
  /** The vendor jobs/aggs API (`JOBGRAPH_JOBS_API_*`); raw fields as the API names them, e.g. `job.state`, `@timestamp`. */
  JOBS_API = 'JOBS_API',
  /** Live jobs of the Flux broker, aggregated in the gateway from one job-list listing; raw fields are job-list attributes. */
  FLUX = 'FLUX',
}

registerEnumType(AggregationSource, {
  name: 'AggregationSource',
  description: 'Where jobAggregations reads from. A source that is not configured answers UPSTREAM_UNAVAILABLE.',
  valuesConfig: {
    ELASTICSEARCH: { description: 'The job-history index; raw fields as in the index, e.g. state, submittedAt.' },
    JOBS_API: {
      description:
        'The vendor jobs/aggs API; raw fields as the API names them, e.g. job.state, @timestamp. Kinds: TERMS, DATE_HISTOGRAM, FILTER.',
    },
    FLUX: {
      description:
        'Live (and not yet purged) jobs of the Flux broker, aggregated in the gateway from one streamed job-list listing asking only the attributes needed; ' +
        'at most JOBGRAPH_FLUX_AGGREGATION_MAX_JOBS jobs (more is QUERY_TOO_COMPLEX). Raw fields are job-list attributes (t_submit, nnodes, …).',
    },
  },
});
