import type { ApolloServerPlugin } from '@apollo/server';
import { forAudience } from '../../errors';
import type { ErrorAudience } from '../../errors';
import type { GraphQLContext } from '../../resolvers/graphql-context';

/** Who reads the errors of a request made with `context`: its caller (operator or not), its request id and logger. */
export function errorAudienceOf(context: Pick<GraphQLContext, 'caller' | 'requestId' | 'logger'>): ErrorAudience {
  return { isOperator: context.caller.isOperator, requestId: context.requestId, logger: context.logger };
}

/**
 * Gives each backend error of a response to its reader (`forAudience`): everyone sees the worded
 * message and the request id, operators also the detail, and the log a `backend error` line with
 * the detail and the request id. Runs after the partial-errors plugin, so those errors pass too.
 */
export function errorAudiencePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors || !contextValue?.caller) return;
          const audience = errorAudienceOf(contextValue);
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) =>
            forAudience(error, audience),
          );
        },
      };
    },
  };
}
