import { forwardJobs } from './forward-jobs';
import type { ForwardJobsOptions, ForwardReport } from './forward-jobs';

/** Options of {@link followJobs}: a pass's options plus the poll interval. */
export interface FollowJobsOptions extends Omit<ForwardJobsOptions, 'since'> {
  /** Pause between passes, ms. Default 2000 (JOBGRAPH_ELASTICSEARCH_FOLLOW_INTERVAL_MS). */
  intervalMs?: number;
  /** Called after every pass that stored something. */
  onPass?: (report: ForwardReport) => void;
  /** Called when a pass fails; the loop waits and tries again. Rethrow to stop. */
  onError?: (error: unknown) => void;
  /** Run before each pass until it succeeds once (index setup), failing like a pass. */
  prepare?: () => Promise<void>;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * `jobgraph forward --follow`: forwards jobs as they become inactive, one pass per interval
 * (each pass starts from the watermark, so it is as safe to kill as a single pass), until the
 * signal aborts. A failing pass (or index setup, with Elasticsearch not up yet) is reported and
 * retried after the interval.
 */
export async function followJobs(options: FollowJobsOptions & { signal: AbortSignal }): Promise<void> {
  const { intervalMs = 2000, onPass, onError, prepare, ...pass } = options;
  let prepared = prepare === undefined;
  while (!options.signal.aborted) {
    try {
      if (!prepared) {
        await prepare?.();
        prepared = true;
      }
      const report = await forwardJobs(pass);
      if (report.forwarded > 0) onPass?.(report);
    } catch (error) {
      if (options.signal.aborted) return;
      if (!onError) throw error;
      onError(error);
    }
    await pause(intervalMs, options.signal);
  }
}
