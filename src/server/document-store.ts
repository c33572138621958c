import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';

/** Memory the parsed-document cache may hold, bytes. */
export const DOCUMENT_STORE_BYTES = 32 * 2 ** 20;

/**
 * Apollo Server's cache of parsed and validated documents, sized by what a document really
 * keeps alive. Apollo's default sizes an entry by `JSON.stringify(document)`, which leaves out
 * the full query text every AST node's `loc` points to: 10,000 fuzzed queries with huge string
 * literals kept ~400 MiB alive under its "30 MiB" cap. Counting the source text (UTF-16, so
 * twice its length) bounds the cache for real.
 */
export function createDocumentStore(): InMemoryLRUCache<DocumentNode> {
  return new InMemoryLRUCache<DocumentNode>({
    maxSize: DOCUMENT_STORE_BYTES,
    sizeCalculation: (document) => 2 * (document.loc?.source.body.length ?? 0) + InMemoryLRUCache.sizeCalculation(document),
  });
}
