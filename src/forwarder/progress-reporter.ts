import { SingleBar } from 'cli-progress';
import type { ForwardProgress, ForwardProgressListener } from './forward-progress';

/** A progress listener plus its end. */
export interface ProgressReporter {
  listener: ForwardProgressListener;
  stop(): void;
}

/**
 * Progress of `jobgraph forward`: on a terminal, a bar with jobs/s (cli-progress, on stderr);
 * otherwise one JSON line per stored batch on `stream`, for logs and job schedulers.
 */
export function createProgressReporter(stream: NodeJS.WriteStream): ProgressReporter {
  if (!stream.isTTY) {
    return {
      listener: (progress: ForwardProgress) => {
        stream.write(
          `${JSON.stringify({ event: 'forward-progress', ...progress, jobsPerSecond: Math.round(progress.jobsPerSecond) })}\n`,
        );
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    stream,
    format: 'forwarding {bar} {value}/{total} jobs | {rate} jobs/s | since {since}',
    hideCursor: true,
  });
  let started = false;
  return {
    listener: (progress: ForwardProgress) => {
      const payload = {
        rate: Math.round(progress.jobsPerSecond),
        since: new Date(progress.since * 1000).toISOString(),
      };
      if (!started) {
        bar.start(progress.listed, progress.forwarded, payload);
        started = true;
      } else {
        bar.setTotal(progress.listed);
        bar.update(progress.forwarded, payload);
      }
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}
