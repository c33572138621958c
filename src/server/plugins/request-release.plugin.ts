import type { ApolloServerPlugin } from '@apollo/server';
import { clearLoaderCaches } from '../../loaders/create-loaders';
import type { GraphQLContext } from '../../resolvers/graphql-context';
import type { AnswerEncoder } from '../http/utf8-body';

/**
 * Lets go of what a request's execution gathered once its response is final (`willSendResponse`):
 * its loaders' caches (every looked-up job's info) and the `jobs` page look-ahead; and, for an HTTP
 * request, has `answers` empty the response's body once its answer is made. Listed last, so the other
 * plugins' `willSendResponse` hooks have read the context first; none of them reads these.
 *
 * Why: Apollo's gateway interface (our executor, src/server/execution/jobgraph-executor.ts) hands each
 * execution a request context whose `response.http.status` getter and setter are new closures over
 * Apollo's copy of the request context (its context value and response). V8 keeps every accessor
 * pair in the old generation, so until the next full GC each scavenge found those closures alive —
 * and through them the context value (loaders, look-ahead) and the response (the result's data):
 * every page's infos, events and
 * result tree were copied by every scavenge and then promoted (docs/performance.md, "What the
 * GraphQL request path left reachable for the scavenger"). Pinned by
 * test/integration/gateway/scavenger-release.test.ts.
 */
export function requestReleasePlugin(
  answers: Pick<AnswerEncoder, 'releaseAfterAnswer'>,
): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, request }) {
          // An HTTP request's answer is made from the response after this hook (in-process executeOperation: none).
          if (request.http) answers.releaseAfterAnswer(response);
          // A context built elsewhere (executeOperation with a hand-made context) may have no loaders.
          if (!contextValue?.loaders) return;
          contextValue.jobDetailsAhead = undefined;
          clearLoaderCaches(contextValue.loaders);
        },
      };
    },
  };
}
