import type { GraphQLSchema } from 'graphql';
import { resolvers } from '../resolvers';
import { buildJobgraphSchema, printJobgraphSchema } from '../schema/build-schema';

let built: GraphQLSchema | undefined;

/** The gateway's executable schema (all resolvers), built once per process. */
export function gatewaySchema(): GraphQLSchema {
  built ??= buildJobgraphSchema(resolvers);
  return built;
}

/** The SDL of {@link gatewaySchema}, as committed in `schema.graphql`. */
export function gatewaySchemaSdl(): string {
  return printJobgraphSchema(gatewaySchema());
}
