import { BACKEND_LABELS } from './error-code';
import type { BackendName } from './error-code';
import { UpstreamUnavailableError } from './upstream-error';

/** The optional backends: the gateway runs without them, and their fields fail {@link notConfigured}. */
export type OptionalBackend = Extract<BackendName, 'elasticsearch' | 'elog' | 'jobs-aggs' | 'sciagraph'>;

/** What each optional backend is called in messages, and the settings that enable it (all of them needed). */
export const ENABLING_SETTINGS: Record<OptionalBackend, { name: string; settings: readonly string[] }> = {
  elasticsearch: { name: BACKEND_LABELS.elasticsearch, settings: ['JOBGRAPH_ELASTICSEARCH_URL'] },
  elog: { name: BACKEND_LABELS.elog, settings: ['JOBGRAPH_ELOG_URL'] },
  'jobs-aggs': {
    name: BACKEND_LABELS['jobs-aggs'],
    settings: [
      'JOBGRAPH_JOBS_API_URL',
      'JOBGRAPH_JOBS_API_TOKEN_URL',
      'JOBGRAPH_JOBS_API_CLIENT_ID',
      'JOBGRAPH_JOBS_API_CLIENT_SECRET (or _FILE)',
    ],
  },
  sciagraph: { name: BACKEND_LABELS.sciagraph, settings: ['JOBGRAPH_SCIAGRAPH_REPORTS'] },
};

/**
 * The one error of every field of an optional backend that is not configured: UPSTREAM_UNAVAILABLE
 * with `backend`, saying which settings enable it (e.g. "the eLog is not configured (set
 * JOBGRAPH_ELOG_URL)"). The rule for such fields is in docs/architecture.md.
 */
export function notConfigured(backend: OptionalBackend): UpstreamUnavailableError {
  const { name, settings } = ENABLING_SETTINGS[backend];
  const message = `${name} is not configured (set ${settings.join(', ')})`;
  return new UpstreamUnavailableError(backend, message, { publicMessage: message });
}
