export * from './error-code';
export * from './jobgraph-error';
export * from './upstream-error';
export * from './format-error';
export * from './partial-errors';
export * from './not-configured';
