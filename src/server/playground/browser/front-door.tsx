/**
 * What the playground shows a new user first: a welcome tab (shortcuts, the Authorization header
 * format), jobgraph's name, release and connected backends in place of GraphiQL's logo, and tabs
 * stored per release (an upgrade opens its own examples again).
 */
import { createLocalStorage } from '@graphiql/toolkit';
import type { Storage } from '@graphiql/toolkit';
import type { ReactElement } from 'react';
import type { PlaygroundPageConfig, PlaygroundTab } from '../playground-page-config';

/** The first tab: how to use the playground. */
export const WELCOME_TAB: PlaygroundTab = {
  query: `# Welcome to jobgraph: one GraphQL API over the facility's batch jobs
# (Flux, job history, LCLS eLog, job statistics, Sciagraph profiles).
#
# Shortcuts: Ctrl-Enter runs, Ctrl-Space completes, Shift-Ctrl-P prettifies, Shift-Ctrl-M merges fragments.
# The Docs button (top left) shows the schema; the other tabs are examples that run as they are.
# Credentials go in the Headers tab below, as JSON: {"Authorization": "Bearer <token>"}.

query Welcome {
  jobStats { successful failed canceled timeout }
}
`,
};

/** The welcome tab, then the examples. */
export function frontDoorTabs(config: PlaygroundPageConfig): PlaygroundTab[] {
  return [WELCOME_TAB, ...config.tabs];
}

/** Browser storage under a key of this release, so stored tabs of an older release do not hide new examples. */
export function releaseStorage(config: PlaygroundPageConfig): Storage {
  return createLocalStorage({ namespace: `jobgraph-${config.release ?? 'dev'}` });
}

/** jobgraph's name, release and backends, where GraphiQL shows its logo. */
export function JobgraphLogo({ config }: { config: PlaygroundPageConfig }): ReactElement {
  const backends = config.backends?.length ? config.backends.join(', ') : 'none';
  return (
    <span className="jobgraph-logo" title={`connected backends: ${backends}`}>
      jobgraph {config.release ?? ''}
      <small style={{ display: 'block', fontSize: '0.6em', fontWeight: 'normal' }}>backends: {backends}</small>
    </span>
  );
}
