import { createFluxDatasource } from '../../src/datasources/flux/create-flux-datasource';
import type { FluxDatasource } from '../../src/datasources/flux/flux-datasource';
import type { Dataset } from '../../src/simulators/dataset';
import { startFluxSimulator } from '../../src/simulators/flux/flux-simulator';
import type { FluxSimulator, FluxSimulatorOptions } from '../../src/simulators/flux/flux-simulator';

/** The simulator and a datasource connected to it, set once the suite's beforeAll has run. */
export interface FluxSimulatorFixture {
  sim: FluxSimulator;
  flux: FluxDatasource;
}

/**
 * Registers beforeAll/afterAll in the calling describe: a Flux simulator over `dataset` (with
 * `options`) on its Unix socket and a real datasource (10 s deadline) to it, both closed after.
 */
export function useFluxSimulator(
  dataset: Dataset,
  options: Omit<FluxSimulatorOptions, 'dataset'> = {},
): FluxSimulatorFixture {
  const fixture = {} as FluxSimulatorFixture;
  beforeAll(async () => {
    fixture.sim = await startFluxSimulator({ dataset, ...options });
    fixture.flux = createFluxDatasource({ uri: fixture.sim.uri, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await fixture.flux?.close();
    await fixture.sim?.close();
  });
  return fixture;
}
