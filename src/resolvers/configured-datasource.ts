import type { Datasources } from '../datasources/create-datasources';
import { notConfigured } from '../errors';
import type { OptionalBackend } from '../errors';
import type { GraphQLContext } from './graphql-context';

/** The optional datasources of {@link Datasources}, and the backend each one's errors name. */
const BACKEND_OF = {
  elastic: 'elasticsearch',
  elog: 'elog',
  jobsAggs: 'jobs-aggs',
  sciagraph: 'sciagraph',
} as const satisfies Record<string, OptionalBackend>;

/**
 * The request's view of an optional datasource, or the backend's {@link notConfigured} error
 * (UPSTREAM_UNAVAILABLE naming the settings that enable it): the one rule for every field of an
 * unconfigured optional backend (docs/architecture.md).
 */
export function configuredDatasource<K extends keyof typeof BACKEND_OF>(
  ctx: GraphQLContext,
  key: K,
): NonNullable<Datasources[K]> {
  const datasource = ctx.datasources[key];
  if (!datasource) throw notConfigured(BACKEND_OF[key]);
  return datasource as NonNullable<Datasources[K]>;
}
