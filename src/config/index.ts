export * from './config.schema';
export * from './config-error';
export * from './config-settings';
export * from './load-config';
export * from './serve-defaults';
