import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { findJobgraphError } from '../../errors';
import type { GraphQLContext } from '../../resolvers/graphql-context';

/**
 * One pino line per GraphQL request (`graphql request`: operation name, duration in ms,
 * backend call counts, error codes), and one `unexpected error` line with the stack for each
 * error that will be masked, both carrying the request id. Masked errors get
 * `extensions.requestId` so a user can quote it. Nothing secret is logged: no variables, no
 * headers, no query text.
 */
export function requestLogPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (findJobgraphError(error)) continue;
            const original = unwrapResolverError(error);
            const code = (error.extensions?.['code'] as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
            if (code !== 'INTERNAL_SERVER_ERROR' && !(original instanceof Error && original !== error)) continue;
            contextValue.logger.error({ err: original, path: error.path?.join('.') }, 'unexpected error');
          }
        },
        async willSendResponse({ response, operationName, errors }) {
          const codes = (errors ?? []).map(
            (e) => findJobgraphError(e)?.code ?? e.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR',
          );
          contextValue.logger.info(
            {
              operationName: operationName ?? null,
              durationMs: Math.round((performance.now() - started) * 100) / 100,
              backendCalls: contextValue.backendCalls,
              ...(codes.length > 0 ? { errorCodes: codes } : {}),
            },
            'graphql request',
          );
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e: GraphQLFormattedError) =>
            e.extensions?.['code'] === 'INTERNAL_SERVER_ERROR'
              ? { ...e, extensions: { ...e.extensions, requestId: contextValue.requestId } }
              : e,
          );
        },
      };
    },
  };
}
