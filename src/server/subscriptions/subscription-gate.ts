import { getOperationAST, parse, validate } from 'graphql';
import type { DocumentNode, ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { BadUserInputError, forAudience, formatJobgraphError, QueryTooComplexError } from '../../errors';
import type { ErrorAudience } from '../../errors';
import { enforceDocumentText } from '../limits/document-text';
import type { QueryLimits } from '../limits/query-limits';
import { enforceDocumentLimits, enforceQueryLimits } from '../limits/query-limits';
import type { GraphQLRequestBody, TrustedDocumentCheck } from '../limits/trusted-documents';

/** What the WebSocket and SSE transports check before running an operation, as HTTP does. */
export interface SubscriptionGateOptions {
  schema: GraphQLSchema;
  limits: QueryLimits;
  /** Present when only registered documents may run (`JOBGRAPH_TRUSTED_DOCUMENTS`). */
  trustedDocuments: TrustedDocumentCheck | undefined;
}

/** An operation as a WebSocket or SSE client sends it (absent and null members alike). */
export interface OperationRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: Record<string, unknown> | null | undefined;
  documentId?: unknown;
}

/**
 * Checks one operation sent over WebSocket or SSE as the HTTP path does, in the same order:
 * trusted documents (the body's text filled in from a registered hash), the text's length and
 * nesting before parsing, parsing capped at `maxTokens`, the document-wide limits before
 * validation, validation, then the operation's measure with its variables. Throws the typed error
 * (FORBIDDEN, BAD_USER_INPUT, QUERY_TOO_COMPLEX); returns the parsed document.
 */
export function checkOperation(options: SubscriptionGateOptions, operation: OperationRequest): DocumentNode {
  const { extensions, ...rest } = operation;
  const request: GraphQLRequestBody = { ...rest, ...(extensions ? { extensions } : {}) };
  options.trustedDocuments?.(request);
  if (typeof request.query !== 'string') throw new BadUserInputError('the operation has no query text');
  enforceDocumentText(options.limits, request.query);
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: options.limits.maxTokens });
  } catch (error) {
    const message = (error as Error).message;
    if (/Document contains more tha[nt] \d+ tokens/.test(message))
      throw new QueryTooComplexError('tokens', options.limits.maxTokens, options.limits.maxTokens + 1);
    throw new BadUserInputError(`the query does not parse: ${message}`);
  }
  enforceDocumentLimits(options.limits, options.schema, document);
  const errors = validate(options.schema, document);
  if (errors.length > 0) throw new BadUserInputError(errors.map((e) => e.message).join('; '));
  const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
  if (!getOperationAST(document, operationName))
    throw new BadUserInputError('the document has no operation of that name');
  const variables = request.variables as Record<string, unknown> | undefined;
  enforceQueryLimits(options.limits, options.schema, document, operationName, variables ?? {});
  return document;
}

/**
 * A result as clients see it: each error in the public error model (masked when unknown); backend
 * errors as `audience` may read them (operators get the detail; each is logged with the request
 * id). Without an audience, backend errors keep only their public form.
 */
export function formatResult(result: ExecutionResult, audience?: ErrorAudience): FormattedExecutionResult {
  if (!result.errors) return result as FormattedExecutionResult;
  return {
    ...result,
    errors: result.errors.map((e: GraphQLError) => {
      const formatted = formatJobgraphError(e.toJSON(), e);
      return audience ? forAudience(formatted, audience) : formatted;
    }),
  };
}
