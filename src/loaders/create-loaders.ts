import type { Datasources } from '../datasources/create-datasources';
import type { Caller } from '../server/auth/caller';
import { createFluxLoaders } from './flux.loaders';
import type { FluxLoaders } from './flux.loaders';
import { createUserLoaders } from './users.loaders';
import type { UserLoaders } from './users.loaders';

/**
 * Every loader of one request. Each backend adds its `<backend>.loaders.ts` here with one
 * field (optional when its datasource is optional: `elog?: ElogLoaders`).
 */
export interface Loaders {
  flux: FluxLoaders;
  users: UserLoaders;
}

/**
 * Builds the loaders for ONE request (called by the context factory, never at module scope,
 * so cached values never leak between callers). `caller` is for per-caller policies.
 */
export function createLoaders(datasources: Datasources, caller: Caller): Loaders {
  void caller;
  return {
    flux: createFluxLoaders(datasources.flux),
    users: createUserLoaders(datasources.users),
  };
}
