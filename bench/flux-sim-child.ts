/**
 * Child process of the Flux benchmarks: a simulator over a generated dataset of `argv[2]` jobs
 * (default 100,000), so the client's memory is measured alone. Sends `{ socketPath }` over IPC
 * and exits when the parent disconnects.
 */
import { generateDataset } from '../src/simulators/dataset';
import { startFluxSimulator } from '../src/simulators/flux/flux-simulator';

async function main(): Promise<void> {
  const jobCount = Number(process.argv[2] ?? 100_000);
  const sim = await startFluxSimulator({ dataset: generateDataset({ jobCount }) });
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
  process.send?.({ socketPath: sim.socketPath, jobCount });
}

void main();
