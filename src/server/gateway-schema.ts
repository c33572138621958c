import { graphqlSync } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from '../resolvers';
import { entityReferences } from '../resolvers/entity-references';
import { buildJobgraphSchema, printJobgraphSchema } from '../schema/build-schema';
import { buildJobgraphSubgraphSchema } from '../schema/build-subgraph-schema';
import type { GraphQLContext } from '../resolvers/graphql-context';

let built: GraphQLSchema | undefined;
let subgraph: GraphQLSchema | undefined;

/** The gateway's executable schema (all resolvers), built once per process. */
export function gatewaySchema(): GraphQLSchema {
  built ??= buildJobgraphSchema(resolvers);
  return built;
}

/** The SDL of {@link gatewaySchema}, as committed in `schema.graphql`. */
export function gatewaySchemaSdl(): string {
  return printJobgraphSchema(gatewaySchema());
}

/**
 * The same schema as a Federation v2 subgraph (`_service`, `_entities`), served when
 * `JOBGRAPH_FEDERATION` is on; built once per process.
 */
export function gatewaySubgraphSchema(): GraphQLSchema {
  subgraph ??= buildJobgraphSubgraphSchema<GraphQLContext>(gatewaySchema(), entityReferences);
  return subgraph;
}

/**
 * What the subgraph answers to `_service { sdl }` (what a router composes from), as committed in
 * `subgraph.graphql` (`jobgraph schema --federation`).
 */
export function gatewaySubgraphSdl(): string {
  const result = graphqlSync({ schema: gatewaySubgraphSchema(), source: '{ _service { sdl } }' });
  const sdl = (result.data?._service as { sdl?: unknown } | undefined)?.sdl;
  if (typeof sdl !== 'string') throw new Error(`_service { sdl } failed: ${JSON.stringify(result.errors)}`);
  return `# Generated from the type-graphql classes by \`jobgraph schema --federation\` (npm run generate). Do not edit.\n# The Federation v2 subgraph SDL jobgraph serves as _service { sdl } with JOBGRAPH_FEDERATION=on.\n\n${sdl}\n`;
}
