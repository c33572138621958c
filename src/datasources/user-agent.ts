import { version } from '../../package.json';

/** jobgraph's version, from package.json (e.g. `0.1.0`). */
export const JOBGRAPH_VERSION: string = version;

/** The `User-Agent` jobgraph's HTTP clients send, e.g. `jobgraph/0.1.0 (node v24.1.0)`: names the caller in backend access logs. */
export const JOBGRAPH_USER_AGENT = `jobgraph/${JOBGRAPH_VERSION} (node ${process.version})`;
