import type { Logger } from 'pino';
import type { Config } from '../config';
import { closeDatasources, createDatasources } from '../datasources/create-datasources';
import type { DatasourceOverrides } from '../datasources/create-datasources';
import { GRAPHQL_PATH, PLAYGROUND_PATH, createServer } from '../server/create-server';
import { createLogger } from '../server/logger';
import { setGatewayV8Flags } from './gateway-v8-flags';

/** Options of {@link runGateway}. */
export interface RunGatewayOptions {
  config: Config;
  /** Datasources replaced by the caller (demo mode's user table). */
  overrides?: DatasourceOverrides;
  /** Extra cleanup after the gateway and datasources closed (demo mode's simulators). */
  onShutdown?: () => Promise<void>;
  /** Printed to stdout once listening, with the URLs. */
  banner?: string;
  logger?: Logger;
}

/**
 * Starts the gateway and keeps it running until SIGTERM or SIGINT; then stops accepting,
 * lets in-flight requests finish within `server.shutdownTimeoutMs`, closes the datasources
 * and exits 0 (1 when the deadline passed or a second signal came).
 */
export async function runGateway(options: RunGatewayOptions): Promise<void> {
  setGatewayV8Flags();
  const { config } = options;
  const logger = options.logger ?? createLogger(config.server.logLevel);
  const { datasources, policies } = createDatasources(config, options.overrides, logger);
  const server = await createServer({ config, datasources, policies, logger });
  const url = await server.listen();
  const lines = [
    options.banner,
    `GraphQL endpoint: ${url}${GRAPHQL_PATH}`,
    config.server.playground ? `Playground: ${url}${PLAYGROUND_PATH}` : undefined,
  ];
  process.stdout.write(`${lines.filter((l) => l !== undefined).join('\n')}\n`);
  logger.info({ url, flux: config.flux.uri }, 'gateway listening');

  let stoppingSince: number | undefined;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stoppingSince !== undefined) {
      // One signal often arrives twice (to the process and to its group, as `timeout` does).
      if (Date.now() - stoppingSince < 1_000) return;
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info({ signal, deadlineMs: config.server.shutdownTimeoutMs }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ deadlineMs: config.server.shutdownTimeoutMs }, 'shutdown deadline passed: exiting');
      process.exit(1);
    }, config.server.shutdownTimeoutMs + 2_000);
    deadline.unref();
    await server.close();
    for (const failure of await closeDatasources(datasources))
      logger.warn({ backend: failure.backend, err: failure.error }, 'closing a datasource failed');
    await options.onShutdown?.();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', (s) => void stop(s));
  process.on('SIGINT', (s) => void stop(s));
}
