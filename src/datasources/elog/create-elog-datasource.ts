import type { ElogConfig } from '../../config/elog.config';
import { readOprPassword } from './elog-auth';
import { ElogClient } from './elog-client';
import type { ElogDatasource } from './elog-datasource';
import type { ElogTransportOptions } from './elog-http';

/**
 * Builds the eLog datasource from its config section, or `undefined` when `JOBGRAPH_ELOG_URL`
 * is unset. Reads the operator password file now, so a missing file fails at start.
 */
export function createElogDatasource(
  config: ElogConfig,
  transport: ElogTransportOptions = {},
): ElogDatasource | undefined {
  if (!config.url) return undefined;
  // The config section already requires the password file for basic and auto (every problem at once, exit 2).
  const needsOpr = config.auth === 'basic' || config.auth === 'auto';
  return new ElogClient({
    url: config.url,
    app: config.app,
    auth: {
      mode: config.auth,
      ...(needsOpr && config.oprPasswordFile ? { oprPassword: readOprPassword(config.oprPasswordFile) } : {}),
      ...(config.kerberosCommand ? { kerberosCommand: config.kerberosCommand } : {}),
      ...(config.bearerTokenFile ? { bearerTokenFile: config.bearerTokenFile } : {}),
      ...(config.arpAuthorization ? { bearerFromEnv: config.arpAuthorization } : {}),
    },
    timeoutMs: config.timeoutMs,
    writeTimeoutMs: config.writeTimeoutMs,
    jidUrlPrefixes: config.jidUrlPrefixes,
    maxAttachmentBytes: config.maxAttachmentBytes,
    jobLinkKeys: { experimentAttribute: config.experimentAttribute, runAttribute: config.runAttribute },
    arpEnvironment: {
      ...(config.jidUpdateCounters ? { jidUpdateCounters: config.jidUpdateCounters } : {}),
      ...(config.arpUpdateCounters ? { arpUpdateCounters: config.arpUpdateCounters } : {}),
      ...(config.arpRootJobId ? { arpRootJobId: config.arpRootJobId } : {}),
      ...(config.arpJobId ? { jobId: config.arpJobId } : {}),
      ...(config.arpRunNum ? { runNum: config.arpRunNum } : {}),
      ...(config.arpUser ? { user: config.arpUser } : {}),
    },
    transport,
  });
}
