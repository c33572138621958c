import { GraphQLError } from 'graphql';
import type { GraphQLErrorExtensions } from 'graphql';

/** Where a request collects the errors of fields that were served in part (GraphQLContext has one). */
export interface PartialErrors {
  /** Errors of partially served fields, each located at its field's path; sent after execution. */
  partialErrors: GraphQLError[];
}

/**
 * Records `error` as an error of the field at `path` that is nevertheless answered (a merged page
 * missing one cluster's jobs): it reaches the response's `errors` with that path, formatted like
 * any other (code, backend, details), while the field keeps its data.
 */
export function addPartialError(sink: PartialErrors, path: ReadonlyArray<string | number>, error: unknown): void {
  const original = error instanceof Error ? error : new Error(String(error));
  const extensions: GraphQLErrorExtensions = error instanceof GraphQLError ? error.extensions : {};
  sink.partialErrors.push(new GraphQLError(original.message, { path, originalError: original, extensions }));
}
