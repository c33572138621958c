/** A snapshot of a forwarding pass, reported after every stored batch. */
export interface ForwardProgress {
  /** The cluster of the pass. */
  cluster?: string;
  /** Inactive jobs listed since the watermark. */
  listed: number;
  /** Jobs stored so far in this pass. */
  forwarded: number;
  /** Watermark after the last committed batch, Flux epoch seconds. */
  since: number;
  /** forwarded / elapsed seconds. */
  jobsPerSecond: number;
  elapsedMs: number;
}

/** Receives progress; the CLI draws a bar on a terminal and prints JSON lines otherwise. */
export type ForwardProgressListener = (progress: ForwardProgress) => void;
