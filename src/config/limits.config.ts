import { z } from 'zod';
import { envBoolean, envInt } from './env-value';

/** Limits that protect the gateway and its backends from any one request or caller. */
export const limitsConfigSchema = z.object({
  /** `JOBGRAPH_LIMIT_DEPTH`: deepest field nesting allowed. */
  maxDepth: envInt(1, 1000).default(12).describe('deepest field nesting a query may have'),
  /** `JOBGRAPH_LIMIT_ALIASES`: aliased fields per operation. */
  maxAliases: envInt(0, 10_000).default(30).describe('aliased fields per operation'),
  /** `JOBGRAPH_LIMIT_ROOT_FIELDS`: root fields per operation. */
  maxRootFields: envInt(1, 10_000).default(20).describe('root fields per operation'),
  /** `JOBGRAPH_LIMIT_BREADTH`: fields in any one selection set, fragments expanded. */
  maxBreadth: envInt(1, 100_000).default(200).describe('fields in one selection set, fragments expanded'),
  /** `JOBGRAPH_LIMIT_FIELD_COMPARISONS`: field pairs validation may compare (same response name, product of subtree sizes). */
  maxFieldComparisons: envInt(1, 100_000_000)
    .default(5_000)
    .describe('field pairs validation may have to compare (fields of one response name, by subtree size)'),
  /** `JOBGRAPH_LIMIT_TOKENS`: lexer tokens in one document (graphql-js parse `maxTokens`). */
  maxTokens: envInt(10, 1_000_000).default(5_000).describe('lexer tokens in one GraphQL document'),
  /** `JOBGRAPH_LIMIT_DOCUMENT_LENGTH`: characters in one GraphQL document's text. */
  maxDocumentLength: envInt(100, 100 * 1024 * 1024)
    .default(64 * 1024)
    .describe("characters in one GraphQL document's text"),
  /** `JOBGRAPH_LIMIT_DEFINITIONS`: operations, fragments, and variables, in one document (each). */
  maxDefinitions: envInt(1, 100_000)
    .default(100)
    .describe('operations, fragments, and variables in one document (each)'),
  /** `JOBGRAPH_LIMIT_NESTING`: brackets (`{`, `[`, `(`) open at once in a document's text. */
  maxNesting: envInt(4, 10_000).default(64).describe("brackets open at once in a document's text"),
  /** `JOBGRAPH_LIMIT_COST`: estimated cost (fields, multiplied by `first` of enclosing connections). */
  maxCost: envInt(1, 100_000_000).default(50_000).describe('estimated query cost (fields times enclosing first)'),
  /** `JOBGRAPH_INTROSPECTION`: schema introspection; default on in demo, off in serve. */
  introspection: envBoolean().optional().describe('allow introspection (default: on in demo, off in serve)'),
  /** `JOBGRAPH_TRUSTED_DOCUMENTS`: persisted-documents manifest; when set only its documents run. */
  trustedDocuments: z
    .string()
    .min(1)
    .optional()
    .describe('persisted-documents manifest (hash → text); only those documents run'),
  /** `JOBGRAPH_RATE_LIMIT_PER_MINUTE`: GraphQL requests per caller per minute; 0 = unlimited. Default 600 in serve, unlimited in demo. */
  ratePerMinute: envInt(0, 1_000_000)
    .optional()
    .describe('GraphQL requests per caller per minute (0 = unlimited; default 600 in serve, unlimited in demo)'),
  /** `JOBGRAPH_BODY_LIMIT_BYTES`: largest request body accepted. */
  bodyLimitBytes: envInt(1024, 100 * 1024 * 1024)
    .default(1024 * 1024)
    .describe('largest HTTP request body accepted, bytes'),
});

/** Environment variables of the `limits` section → its keys. */
export const limitsEnvVars = {
  JOBGRAPH_LIMIT_DEPTH: 'maxDepth',
  JOBGRAPH_LIMIT_ALIASES: 'maxAliases',
  JOBGRAPH_LIMIT_ROOT_FIELDS: 'maxRootFields',
  JOBGRAPH_LIMIT_BREADTH: 'maxBreadth',
  JOBGRAPH_LIMIT_FIELD_COMPARISONS: 'maxFieldComparisons',
  JOBGRAPH_LIMIT_TOKENS: 'maxTokens',
  JOBGRAPH_LIMIT_DOCUMENT_LENGTH: 'maxDocumentLength',
  JOBGRAPH_LIMIT_DEFINITIONS: 'maxDefinitions',
  JOBGRAPH_LIMIT_NESTING: 'maxNesting',
  JOBGRAPH_LIMIT_COST: 'maxCost',
  JOBGRAPH_INTROSPECTION: 'introspection',
  JOBGRAPH_TRUSTED_DOCUMENTS: 'trustedDocuments',
  JOBGRAPH_RATE_LIMIT_PER_MINUTE: 'ratePerMinute',
  JOBGRAPH_BODY_LIMIT_BYTES: 'bodyLimitBytes',
} as const satisfies Record<string, keyof z.infer<typeof limitsConfigSchema>>;
