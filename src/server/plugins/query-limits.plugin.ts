import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { Kind, parse } from 'graphql';
import type { DocumentNode } from 'graphql';
import { QueryTooComplexError } from '../../errors';
import type { QueryLimits } from '../limits/query-limits';
import { enforceDocumentLimits, enforceQueryLimits } from '../limits/query-limits';

/** `{ __typename }`: what a refused document is replaced by, valid against any schema. */
const STAND_IN = parse('{ __typename }', { noLocation: true });

/**
 * Documents refused right after parsing, standing in for the real one (so validation never sees
 * it), each mapped to its refusal. Apollo caches the stand-in under the real text's hash like any
 * parsed document, so sending a refused document again is answered from the cache.
 */
const refused = new WeakMap<DocumentNode, QueryTooComplexError>();

/**
 * Enforces the query limits in two places (Apollo Server offers no hook that may refuse a
 * request between parsing and validation, so the first one swaps the document):
 * - right after parsing (parsing itself is capped by graphql-js `maxTokens`, set in
 *   create-server), the document-wide check of {@link enforceDocumentLimits}, linear in the
 *   document, before graphql-js's validation rules (some super-linear) ever see it;
 * - once the operation is resolved, the full measure with the request's variables.
 * Either refusal is QUERY_TOO_COMPLEX (HTTP 400) before any resolver, so before any backend call.
 */
export function queryLimitsPlugin<TContext extends object>(limits: QueryLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart(context) {
          return async (error) => {
            if (error || !context.document) return;
            try {
              enforceDocumentLimits(limits, context.schema, context.document);
            } catch (refusal) {
              if (!(refusal instanceof QueryTooComplexError)) throw refusal;
              const standIn: DocumentNode = { kind: Kind.DOCUMENT, definitions: STAND_IN.definitions };
              refused.set(standIn, refusal);
              (context as { document?: DocumentNode }).document = standIn;
            }
          };
        },
        async didResolveOperation({ schema, document, operationName, request }: GraphQLRequestContext<TContext>) {
          if (!document) return;
          const refusal = refused.get(document);
          if (refusal) throw refusal;
          enforceQueryLimits(limits, schema, document, operationName, request.variables);
        },
      };
    },
  };
}
