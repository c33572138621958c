import type { ApolloServerPlugin } from '@apollo/server';
import { formatJobgraphError } from '../../errors';
import type { GraphQLContext } from '../../resolvers/graphql-context';

/**
 * Appends the request's partial-result errors (addPartialError: fields answered in part, such
 * as a merged `jobs` page without a failed cluster's jobs) to the response's `errors`, formatted
 * like the others, the field's data left in place.
 */
export function partialErrorsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const partial = contextValue.partialErrors;
          if (!partial || partial.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.errors = [
            ...(result.errors ?? []),
            ...partial.map((error) => formatJobgraphError(error.toJSON(), error)),
          ];
        },
      };
    },
  };
}
