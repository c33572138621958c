import { lexicographicSortSchema, printSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import type { NonEmptyArray, PubSub } from 'type-graphql';
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

/** Resolver classes as type-graphql takes them. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type ResolverClasses = readonly [Function, ...Function[]];

/**
 * Builds the executable schema from the type-graphql classes, once at start. The resolver
 * classes are passed in (src/resolvers/index.ts) so the schema layer never imports resolvers.
 */
export function buildJobgraphSchema(resolvers: ResolverClasses): GraphQLSchema {
  return buildSchemaSync({
    resolvers: [...resolvers] as NonEmptyArray<(typeof resolvers)[number]>,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    // Every subscription brings its own `subscribe` (the Flux streams); type-graphql still asks for a PubSub.
    pubSub: NO_PUBSUB,
    emitSchemaFile: false,
  });
}

/** The SDL committed as `schema.graphql` (types sorted, so the file only changes with the schema). */
export function printJobgraphSchema(schema: GraphQLSchema): string {
  return `# Generated from the type-graphql classes by \`npm run schema\` (jobgraph schema). Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
