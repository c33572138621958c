import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BackendPolicies, Datasources } from '../../datasources/create-datasources';
import type { BreakerState } from '../../datasources/resilience/backend-policy';
import { registerSciagraphMetrics } from '../../datasources/sciagraph/sciagraph.metrics';
import { findJobgraphError } from '../../errors';
import { observeDatasourceMethods } from '../../datasources/datasource-calls.observer';
import { counterCell, histogramCell } from './metric-cells';
import type { ExecutionPath } from '../execution/jobgraph-executor';

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'half-open', 'open', 'isolated'];

/** The gateway's Prometheus metrics: one registry per server (tests run several servers in one process). */
export interface GatewayMetrics {
  registry: Registry;
  /** `jobgraph_job_control_actions_total{action,outcome}`: job control actions (cancel, hold, release, urgency) by outcome. */
  jobControlActions: Counter<'action' | 'outcome'>;
  /** A view of `datasources` whose every call is counted and timed (wrap the process-wide datasources once). */
  instrument(datasources: Datasources): Datasources;
  /** Counts one GraphQL execution by the path it took (src/server/execution/jobgraph-executor.ts). */
  countExecution(path: ExecutionPath): void;
}

/**
 * Builds the registry served at `/metrics`:
 * - `jobgraph_backend_calls_total{backend,method,outcome}`: datasource calls; `outcome` is `ok`
 *   or the error code (`UPSTREAM_TIMEOUT`, … of src/errors; `error` for an untyped failure);
 * - `jobgraph_backend_call_duration_seconds{backend,method}`: their latency;
 * - `jobgraph_backend_breaker_state{backend,state}`: 1 for each backend's current circuit-breaker
 *   state, 0 for the others (read at scrape time from `policies`; a separate write breaker is the
 *   backend `<name>Writes`, e.g. `elogWrites`);
 * - the Sciagraph index gauges when reports are configured (`jobgraph_sciagraph_reports{status}`,
 *   `jobgraph_sciagraph_root_up{root}`);
 * - `jobgraph_graphql_executions_total{executor,reason}`: executions by engine (`jit`, `graphql-js`) and
 *   why graphql-js ran one (`configured` by JOBGRAPH_EXECUTOR, or the shape graphql-jit gets wrong:
 *   `variable-default`, `custom-scalar-literal`, `introspection`, `mutation`, `compile-error`,
 *   `invalid-variables`, `jit-variables` (variables graphql-jit refused and graphql-js accepts: re-run),
 *   `null-data` (a jit result re-run); `compiled` for jit);
 * - `jobgraph_jobs_api_daily_remaining` when the jobs/aggs API is configured (after its first answer);
 * - `jobgraph_job_control_actions_total{action,outcome}`: job control actions by kind (cancel, hold,
 *   release, urgency) and outcome (`ok` or the error code of the refusal or failure);
 * - Node's process metrics (`process_*`, `nodejs_*`: heap, event-loop lag, open fds).
 */
export function createGatewayMetrics(datasources: Datasources, policies: BackendPolicies = {}): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const calls = new Counter({
    name: 'jobgraph_backend_calls_total',
    help: 'Datasource calls by backend, method and outcome (ok or the error code)',
    labelNames: ['backend', 'method', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'jobgraph_backend_call_duration_seconds',
    help: 'Datasource call latency by backend and method, seconds',
    labelNames: ['backend', 'method'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  new Gauge({
    name: 'jobgraph_backend_breaker_state',
    help: "Each backend's circuit breaker: 1 for its current state (closed, half-open, open, isolated), 0 for the others",
    labelNames: ['backend', 'state'],
    registers: [registry],
    collect() {
      for (const [name, set] of Object.entries(policies)) {
        const breakers = set
          ? [[name, set.calls] as const, ...(set.writes ? [[`${name}Writes`, set.writes] as const] : [])]
          : [];
        for (const [backend, policy] of breakers) {
          const current = policy.breakerState();
          for (const state of BREAKER_STATES) this.set({ backend, state }, state === current ? 1 : 0);
        }
      }
    },
  });
  if (datasources.sciagraph) registerSciagraphMetrics(registry, datasources.sciagraph);
  const { jobsAggs } = datasources;
  if (jobsAggs) {
    new Gauge({
      name: 'jobgraph_jobs_api_daily_remaining',
      help: 'Requests left in the jobs/aggs API daily quota, as its last answer reported',
      registers: [registry],
      collect() {
        const remaining = jobsAggs.dailyRemaining();
        if (remaining !== undefined) this.set(remaining);
      },
    });
  }
  const jobControlActions = new Counter({
    name: 'jobgraph_job_control_actions_total',
    help: 'Job control actions (cancel, hold, release, urgency) by outcome (ok or the error code)',
    labelNames: ['action', 'outcome'] as const,
    registers: [registry],
  });
  const executions = new Counter({
    name: 'jobgraph_graphql_executions_total',
    help: 'GraphQL executions by engine (jit, graphql-js) and why graphql-js ran one',
    labelNames: ['executor', 'reason'],
    registers: [registry],
  });
  return {
    registry,
    jobControlActions,
    countExecution(path) {
      if (path === 'jit') executions.inc({ executor: 'jit', reason: 'compiled' });
      else executions.inc({ executor: 'graphql-js', reason: path === 'graphql-js' ? 'configured' : path.slice(11) });
    },
    instrument: (target) =>
      observeDatasourceMethods(target, (backend, method) => {
        // Per method, once: its latency and `ok` cells (no labels object hashed per call).
        const observeLatency = histogramCell(latency, { backend, method });
        const countOk = counterCell(calls, { backend, method, outcome: 'ok' });
        return () => {
          const start = process.hrtime();
          return (error) => {
            // Seconds as prom-client's startTimer computes them (same value, to the last bit).
            const [seconds, nanoseconds] = process.hrtime(start);
            observeLatency(seconds + nanoseconds / 1e9);
            if (error === undefined) countOk();
            else calls.inc({ backend, method, outcome: findJobgraphError(error)?.code ?? 'error' });
          };
        };
      }),
  };
}
