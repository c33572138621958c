import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { isObjectType, lexicographicSortSchema, parse } from 'graphql';
import { createResolversMap } from 'type-graphql';

/**
 * The Federation v2 specification jobgraph's subgraph SDL links. v2.3 is understood by every
 * router the project tests against (Apollo Gateway 2.x, Hive Gateway) and by Apollo Router/GraphOS and Cosmo.
 */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])';

/** How the router's representation `{ __typename, ...key fields }` becomes an entity's root value. */
export type ReferenceResolver<TContext> = (reference: Record<string, unknown>, context: TContext) => unknown;

/** One reference resolver per entity type (a type with `@key` in the type-graphql classes). */
export type EntityReferenceResolvers<TContext> = Record<string, ReferenceResolver<TContext>>;

/**
 * Turns the type-graphql schema into a Federation v2 subgraph: the same types, fields and
 * resolvers (the classes' `@Directive('@key(...)')` and `@Directive('@shareable')` are the single
 * source of truth), plus `_service { sdl }` and `_entities`, whose representations `references`
 * resolve. Throws when an entity has no reference resolver or a resolver names no entity.
 */
export function buildJobgraphSubgraphSchema<TContext>(
  schema: GraphQLSchema,
  references: EntityReferenceResolvers<TContext>,
): GraphQLSchema {
  const sorted = lexicographicSortSchema(schema);
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSubgraphSchema(sorted)}`);
  const resolvers = createResolversMap(sorted) as GraphQLResolverMap<TContext>;
  for (const [typeName, resolveReference] of Object.entries(references)) {
    const fields = resolvers[typeName];
    if (!fields || !isObjectType(sorted.getType(typeName)))
      throw new Error(`reference resolver for ${typeName}, which is not an object type of the schema`);
    resolvers[typeName] = {
      ...(fields as Record<string, GraphQLFieldResolver<unknown, TContext>>),
      __resolveReference: resolveReference as unknown as GraphQLFieldResolver<unknown, TContext>,
    };
  }
  const subgraph = buildSubgraphSchema([{ typeDefs, resolvers }]);
  const entities = subgraph.getType('_Entity');
  const entityNames = entities && 'getTypes' in entities ? entities.getTypes().map((t) => t.name) : [];
  const unresolved = entityNames.filter((name) => !(name in references));
  if (unresolved.length > 0) throw new Error(`entities without a reference resolver: ${unresolved.join(', ')}`);
  return subgraph;
}
