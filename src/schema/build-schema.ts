import { GraphQLSchema as Schema, lexicographicSortSchema, printSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import type { NonEmptyArray, PubSub } from 'type-graphql';
import { withDirectResolvers } from './direct-resolvers';
import { DateTimeScalar } from './scalars/date-time.scalar';

/** type-graphql's topic-based PubSub, unused: no subscription is declared with `topics`. */
const NO_PUBSUB: PubSub = {
  publish() {
    throw new Error('jobgraph subscriptions subscribe to their own streams; nothing publishes to topics');
  },
  subscribe() {
    throw new Error('jobgraph subscriptions subscribe to their own streams; nothing publishes to topics');
  },
};

/**
 * The schema's own description: what GraphiQL's documentation explorer shows first (instead of
 * its stock "A GraphQL schema provides a root type for each kind of operation"), and what
 * `__schema { description }` answers.
 */
export const SCHEMA_DESCRIPTION = [
  'jobgraph: one GraphQL API over the jobs of Flux clusters and what surrounds them.',
  'Live jobs, their events and job control come from Flux; finished jobs from the Elasticsearch job history;',
  'experiments and runs from the LCLS eLog; aggregations from Flux, Elasticsearch or the jobs/aggs API;',
  'profiling reports from Sciagraph.',
  'Start with `jobs` (newest first, paged by cursor) or `job(id:)`; a JobId is 64-bit, in any RFC 19 form.',
  'A backend that is down or not configured fails only its own fields (UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT,',
  'UPSTREAM_ERROR in `errors[].extensions.code`), the rest of the answer stays.',
  'Deployments that authenticate take an `Authorization: Bearer <token>` header.',
].join(' ');

/** Resolver classes as type-graphql takes them. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type ResolverClasses = readonly [Function, ...Function[]];

/**
 * Builds the executable schema from the type-graphql classes, once at start. The resolver
 * classes are passed in (src/resolvers/index.ts) so the schema layer never imports resolvers.
 * No middleware, authChecker or validation is configured, so type-graphql's per-call wrappers are
 * replaced by direct reads and calls where they do nothing ({@link withDirectResolvers}).
 */
export function buildJobgraphSchema(resolvers: ResolverClasses): GraphQLSchema {
  const schema = buildSchemaSync({
    resolvers: [...resolvers] as NonEmptyArray<(typeof resolvers)[number]>,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    // Every subscription brings its own `subscribe` (the Flux streams); type-graphql still asks for a PubSub.
    pubSub: NO_PUBSUB,
    emitSchemaFile: false,
  });
  return withDirectResolvers(new Schema({ ...schema.toConfig(), description: SCHEMA_DESCRIPTION }), resolvers);
}

/** The SDL committed as `schema.graphql` (types sorted, so the file only changes with the schema). */
export function printJobgraphSchema(schema: GraphQLSchema): string {
  return `# Generated from the type-graphql classes by \`npm run schema\` (jobgraph schema). Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
