import { fork } from 'node:child_process';
import { extname, join } from 'node:path';

/** A Flux simulator running in its own process (bench/flux-sim-child.ts), as a broker is. */
export interface FluxSimulatorProcess {
  /** `local://<socket>`, for FLUX_URI. */
  uri: string;
  socketPath: string;
  /** The child's pid, for its CPU time (bench/process-cpu.ts). */
  pid: number;
  /** Disconnects; the child closes the simulator and exits. */
  close(): void;
}

/**
 * Starts the simulator over `generateDataset({ jobCount, seed, now })` in a child process, so
 * the measured process holds only the client side. `delayMs` delays each request before it is
 * served (1 ≈ a 1 ms round trip; requests in flight are delayed in parallel, as on a network).
 */
export async function startFluxSimulatorProcess(options: {
  jobCount: number;
  seed: number;
  now: number;
  delayMs?: number;
}): Promise<FluxSimulatorProcess> {
  const child = fork(
    join(__dirname, `flux-sim-child${extname(__filename)}`),
    [String(options.jobCount), String(options.seed), String(options.now), String(options.delayMs ?? 0)],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const { socketPath } = await new Promise<{ socketPath: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`simulator child exited (${code})`)));
    child.once('message', (m) => resolve(m as { socketPath: string }));
  });
  return { uri: `local://${socketPath}`, socketPath, pid: child.pid as number, close: () => child.disconnect() };
}
