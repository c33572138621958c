import { startElogSimulator } from '../../src/simulators/elog/elog-simulator';
import type { ElogSimulator, ElogSimulatorOptions } from '../../src/simulators/elog/elog-simulator';
import { startJobsAggsSimulator } from '../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import type { JobsAggsSimulator, JobsAggsSimulatorOptions } from '../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import { createHttpFaultSwitch } from './http-fault-switch';
import type { HttpFaultSwitch } from './http-fault-switch';
import { answerScriptedFault, FaultQueue } from './jobs-aggs-scripted-faults';
import type { SimulatedFault } from './jobs-aggs-scripted-faults';

/** An eLog simulator with the HTTP fault switch installed through its interceptor hook. */
export interface FaultyElogSimulator extends ElogSimulator {
  /** Makes every route stall or answer garbage, or kills and restarts the server on its port. */
  faults: HttpFaultSwitch;
}

/** A jobs/aggs simulator with the HTTP fault switch and scripted per-route faults. */
export interface FaultyJobsAggsSimulator extends JobsAggsSimulator {
  /** Makes every route stall or answer garbage, or kills and restarts the server on its port. */
  faults: HttpFaultSwitch;
  /** Scripts the next answer(s) of a route; see {@link SimulatedFault}. */
  injectFault(fault: SimulatedFault): void;
  /** Drops the scripted faults not yet consumed. */
  clearFaults(): void;
}

/** Starts the eLog simulator with a fault switch (`faults`). */
export async function startFaultyElogSimulator(options: ElogSimulatorOptions): Promise<FaultyElogSimulator> {
  let faults: HttpFaultSwitch | undefined;
  const sim = await startElogSimulator({
    ...options,
    interceptor: (server) => {
      const installed = createHttpFaultSwitch(server);
      faults = installed;
      return (req, res) => installed.intercept(req, res);
    },
  });
  const switched = faults as HttpFaultSwitch;
  const close = sim.close;
  return Object.assign(sim, {
    faults: switched,
    close: () => {
      switched.set('none');
      return close();
    },
  });
}

/** Starts the jobs/aggs simulator with a fault switch (`faults`, first) and scripted faults (`injectFault`). */
export async function startFaultyJobsAggsSimulator(
  options: JobsAggsSimulatorOptions,
): Promise<FaultyJobsAggsSimulator> {
  let faults: HttpFaultSwitch | undefined;
  const scripted = new FaultQueue();
  const closing = new AbortController();
  const sim = await startJobsAggsSimulator({
    ...options,
    interceptor: (server) => {
      const installed = createHttpFaultSwitch(server);
      faults = installed;
      return (req, res) => installed.intercept(req, res) || answerScriptedFault(scripted, req, res, closing.signal);
    },
  });
  const switched = faults as HttpFaultSwitch;
  const close = sim.close;
  return Object.assign(sim, {
    faults: switched,
    injectFault: (fault: SimulatedFault) => scripted.add(fault),
    clearFaults: () => scripted.clear(),
    close: () => {
      closing.abort();
      switched.set('none');
      return close();
    },
  });
}
