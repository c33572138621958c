import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** Stops the node global-setup.ts started (never one given through the environment). */
async function globalTeardown(): Promise<void> {
  if (!(globalThis as { jobgraphStartedElasticsearch?: boolean }).jobgraphStartedElasticsearch) return;
  execFileSync(path.join(root, 'scripts/elasticsearch.sh'), ['stop'], {
    env: { ...process.env, ES_STATE_DIR: path.join(root, '.cache/elasticsearch/jest-state') },
    stdio: 'inherit',
  });
}

export = globalTeardown;
