import type { ApolloServerPlugin } from '@apollo/server';
import type { QueryLimits } from '../limits/query-limits';
import { enforceQueryLimits } from '../limits/query-limits';

/**
 * Rejects an operation over a depth, alias, root-field or cost limit with QUERY_TOO_COMPLEX
 * (HTTP 400) once it is parsed and validated, before any resolver, so before any backend call.
 */
export function queryLimitsPlugin<TContext extends object>(limits: QueryLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, request }) {
          enforceQueryLimits(limits, schema, document, operationName, request.variables);
        },
      };
    },
  };
}
