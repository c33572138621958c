import { existsSync } from 'node:fs';
import path from 'node:path';

function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

/** The jobgraph checkout or installed package root (the nearest directory with a package.json, from source or from dist/). */
export const PROJECT_ROOT = findProjectRoot(__dirname);

/** Where `npm run build` writes the playground bundle and where the gateway serves it from by default: `<root>/dist/playground`. */
export const DEFAULT_PLAYGROUND_ASSETS_DIR = path.join(PROJECT_ROOT, 'dist', 'playground');

/** The example operations the playground opens as tabs by default: `<root>/examples/operations`. */
export const DEFAULT_EXAMPLE_OPERATIONS_DIR = path.join(PROJECT_ROOT, 'examples', 'operations');
