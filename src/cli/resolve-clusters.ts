import { setTimeout as sleep } from 'node:timers/promises';
import type { FluxCluster, FluxClusters } from '../datasources/flux/flux-clusters';

/**
 * The clusters with their names (the one FLUX_URI cluster is named by its broker, which must
 * answer). With `retry` (a follower), an unreachable broker is reported through `onError` and
 * asked again every `retryMs` until it answers or `signal` aborts (then it rejects).
 */
export async function resolveClusters(
  clusters: FluxClusters,
  retry: { retryMs: number; signal: AbortSignal } | undefined,
  onError: (error: unknown) => void,
): Promise<readonly FluxCluster[]> {
  for (;;) {
    try {
      return await clusters.list();
    } catch (error) {
      if (!retry || retry.signal.aborted) throw error;
      onError(error);
      await sleep(retry.retryMs, undefined, { signal: retry.signal }).catch(() => undefined);
    }
  }
}
