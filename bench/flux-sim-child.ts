/**
 * Child process of the Flux benchmarks: a simulator over a generated dataset of `argv[2]` jobs
 * (default 100,000; seed `argv[3]`, default 1, `now` `argv[4]`, a delay of `argv[5]` ms before
 * each request is served, default 0), so the client's memory and CPU are measured alone. Sends
 * `{ socketPath }` over IPC and exits when the parent disconnects. Started by {@link startFluxSimulatorProcess}.
 */
import { generateDataset } from '../src/simulators/dataset';
import { startFluxSimulator } from '../src/simulators/flux/flux-simulator';

async function main(): Promise<void> {
  const jobCount = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 1);
  const now = process.argv[4] !== undefined ? Number(process.argv[4]) : undefined;
  const delayMs = Number(process.argv[5] ?? 0);
  const sim = await startFluxSimulator({
    dataset: generateDataset({ jobCount, seed, ...(now !== undefined ? { now } : {}) }),
    delayMs,
  });
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
  process.send?.({ socketPath: sim.socketPath, jobCount });
}

void main();
