import { AggregationResolver } from './aggregation.resolver';
import { JobFieldsResolver } from './job-fields.resolver';
import { JobQueryResolver } from './job-query.resolver';
import { JobResolver } from './job.resolver';

/**
 * Every resolver class of the schema, given to type-graphql's buildSchema. A backend adds its
 * classes here (one import and one entry per class).
 */
export const resolvers = [JobQueryResolver, JobResolver, JobFieldsResolver, AggregationResolver] as const;
