import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ForbiddenError } from '../../errors';

/** The GraphQL request fields trusted-document checking reads and may fill in. */
export interface GraphQLRequestBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown; version?: unknown } } & Record<string, unknown>;
  [key: string]: unknown;
}

/** Resolves a request to a registered document or refuses it. */
export type TrustedDocumentCheck = (body: GraphQLRequestBody) => void;

/**
 * Loads the persisted-documents manifest graphql-codegen's client preset writes (sha256 hash →
 * document text; `JOBGRAPH_TRUSTED_DOCUMENTS`) and returns a check that lets only those
 * documents run. A request names its document by `documentId` (`sha256:<hash>` or `<hash>`) or
 * Apollo's `extensions.persistedQuery.sha256Hash`, and the text is filled in from the manifest;
 * a request that sends text runs only when that text's hash is registered.
 */
export function loadTrustedDocuments(manifestPath: string): TrustedDocumentCheck {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  const documents = new Map<string, string>();
  for (const [hash, text] of Object.entries(manifest)) {
    if (typeof text !== 'string')
      throw new Error(`trusted documents manifest ${manifestPath}: entry ${hash} is not a document text`);
    documents.set(hash.replace(/^sha256:/, ''), text);
  }
  return (body) => {
    const named = body.documentId ?? body.extensions?.persistedQuery?.sha256Hash;
    if (named !== undefined) {
      const hash = typeof named === 'string' ? named.replace(/^sha256:/, '') : '';
      const text = documents.get(hash);
      if (!text)
        throw new ForbiddenError(`document ${String(named)} is not registered; only trusted documents may run`);
      body.query = text;
      delete body.documentId;
      if (body.extensions) delete body.extensions.persistedQuery;
      return;
    }
    if (typeof body.query !== 'string') throw new ForbiddenError('only trusted documents may run: send documentId');
    const hash = createHash('sha256').update(body.query).digest('hex');
    if (!documents.has(hash))
      throw new ForbiddenError('this document is not registered; only trusted documents may run');
  };
}
