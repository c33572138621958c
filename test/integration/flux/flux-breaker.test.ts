import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFluxDatasource } from '../../../src/datasources/flux/create-flux-datasource';
import { createBackendPolicy } from '../../../src/datasources/resilience/backend-policy';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';

describe('the Flux datasource behind its fault policy', () => {
  it('opens the breaker while the broker socket is gone, fails fast while open, and closes once the broker is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flux-breaker-'));
    const socketPath = join(dir, 'local');
    const policy = createBackendPolicy('flux', {
      timeoutMs: 2_000,
      readAttempts: 2,
      initialBackoffMs: 10,
      breakerThreshold: 3,
      breakerHalfOpenAfterMs: 300,
    });
    const flux = createFluxDatasource({ uri: `local://${socketPath}`, timeoutMs: 2_000, policy });
    try {
      for (let i = 0; i < 3; i++)
        await expect(flux.jobStats()).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', backend: 'flux' });
      expect(policy.breakerState()).toBe('open');
      const started = performance.now();
      await expect(flux.jobStats()).rejects.toThrow(/circuit breaker is open/);
      expect(performance.now() - started).toBeLessThan(100);

      const sim = await startFluxSimulator({ dataset: generateDataset({ seed: 3, jobCount: 200 }), socketPath });
      try {
        await new Promise((resolve) => setTimeout(resolve, 400));
        let stats: Awaited<ReturnType<typeof flux.jobStats>> | undefined;
        for (let attempt = 0; attempt < 20 && !stats; attempt++) {
          stats = await flux.jobStats().catch(async () => {
            await new Promise((resolve) => setTimeout(resolve, 200));
            return undefined;
          });
        }
        expect(stats?.jobStates.total).toBe(200);
        expect(policy.breakerState()).toBe('closed');
      } finally {
        await flux.close();
        await sim.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
