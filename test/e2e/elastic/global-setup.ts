import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const script = path.join(root, 'scripts/elasticsearch.sh');
/** A state directory of its own, so a node started by hand with the script is left alone. */
const stateDir = path.join(root, '.cache/elasticsearch/jest-state');

function hasCommand(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/**
 * Starts one Elasticsearch node for the `elastic` jest project and exports its URL as
 * JOBGRAPH_TEST_ELASTICSEARCH_URL (workers inherit process.env). An URL already set is used
 * as is. Without Java or Maven the tests skip locally; with CI=true that is a failure.
 */
async function globalSetup(): Promise<void> {
  if (process.env.JOBGRAPH_TEST_ELASTICSEARCH_URL) return;
  const cached = existsSync(path.join(root, '.cache/elasticsearch'));
  const missing = [
    ...(hasCommand(process.env.ES_JAVA_HOME ? `${process.env.ES_JAVA_HOME}/bin/java` : 'java', ['-version'])
      ? []
      : ['Java >= 17']),
    ...(cached || hasCommand('mvn', ['-v']) ? [] : ['Maven']),
  ];
  if (missing.length > 0) {
    const message = `Elasticsearch tests need ${missing.join(' and ')} (apt-get install -y openjdk-17-jre-headless maven)`;
    if (process.env.CI === 'true') throw new Error(`${message}; CI=true makes this a failure`);
    process.stderr.write(`\n${message}: skipping test/e2e/elastic\n`);
    return;
  }
  let url: string;
  try {
    url = execFileSync(script, ['start'], {
      env: { ...process.env, ES_STATE_DIR: stateDir },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch (error) {
    throw new Error(
      `scripts/elasticsearch.sh start failed:\n${(error as { stderr?: string }).stderr ?? String(error)}`,
    );
  }
  process.env.JOBGRAPH_TEST_ELASTICSEARCH_URL = url;
  (globalThis as { jobgraphStartedElasticsearch?: boolean }).jobgraphStartedElasticsearch = true;
}

export = globalSetup;
