import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The version in jobgraph's own package.json, found by walking up from this file (it sits two
 * levels above in the sources, three in dist/). Read at run time rather than imported: an
 * imported package.json is copied into dist/, where it would become the project root the
 * playground paths are resolved from.
 */
function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'jobgraph' && typeof pkg.version === 'string') return pkg.version;
    }
    if (path.dirname(dir) === dir) return '0.0.0';
  }
}

/** jobgraph's version, from package.json (e.g. `0.1.0`). */
export const JOBGRAPH_VERSION: string = packageVersion();

/** The `User-Agent` jobgraph's HTTP clients send, e.g. `jobgraph/0.1.0 (node v24.1.0)`: names the caller in backend access logs. */
export const JOBGRAPH_USER_AGENT = `jobgraph/${JOBGRAPH_VERSION} (node ${process.version})`;
