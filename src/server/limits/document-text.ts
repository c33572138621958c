import { QueryTooComplexError } from '../../errors';

/** The limits on a document's text, checked before it is parsed. */
export interface DocumentTextLimits {
  /** `JOBGRAPH_LIMIT_DOCUMENT_LENGTH`: characters (UTF-16 code units). */
  maxDocumentLength: number;
  /** `JOBGRAPH_LIMIT_NESTING`: brackets open at once. */
  maxNesting: number;
}

const OPEN = new Set([0x7b, 0x5b, 0x28]); // { [ (
const CLOSE = new Set([0x7d, 0x5d, 0x29]); // } ] )

/**
 * Refuses, with QUERY_TOO_COMPLEX, a document text longer than `maxDocumentLength` or with more
 * than `maxNesting` brackets open at once (strings and comments skipped). graphql-js parses
 * selections and values recursively: `[[[…]]]` 2,400 deep overflows its stack and an object
 * literal 1,200 deep took it 140 ms, before `maxTokens` or any measure could refuse them. One
 * pass over the text, no allocation.
 */
export function enforceDocumentText(limits: DocumentTextLimits, text: string): void {
  if (text.length > limits.maxDocumentLength)
    throw new QueryTooComplexError('document length', limits.maxDocumentLength, text.length);
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (OPEN.has(c)) {
      depth += 1;
      if (depth > limits.maxNesting) throw new QueryTooComplexError('nesting', limits.maxNesting, depth);
    } else if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
    else if (c === 0x23) i = skipComment(text, i);
    else if (c === 0x22) i = skipString(text, i);
  }
}

/** Index of the last character of the comment starting at `start` (`#` to the end of the line). */
function skipComment(text: string, start: number): number {
  let i = start;
  while (i + 1 < text.length && text.charCodeAt(i + 1) !== 0x0a && text.charCodeAt(i + 1) !== 0x0d) i += 1;
  return i;
}

/** Index of the closing quote of the string (or block string) opening at `start`, or the text's end. */
function skipString(text: string, start: number): number {
  if (text.startsWith('"""', start)) {
    for (let i = start + 3; i < text.length; i += 1) {
      if (text.charCodeAt(i) === 0x5c && text.startsWith('\\"""', i)) i += 3;
      else if (text.startsWith('"""', i)) return i + 2;
    }
    return text.length;
  }
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 1;
    else if (c === 0x22 || c === 0x0a || c === 0x0d) return i;
  }
  return text.length;
}
