/** One full (mark-compact) garbage collection as `node --trace-gc` reports it. */
export interface FullGc {
  /** Epoch ms, from the child's start time plus the milliseconds the line gives. */
  at: number;
  /** Heap in use after the collection, MiB: what the process really retains. */
  afterMiB: number;
}

const MARK_COMPACT = /\s(\d+) ms: Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/;

/**
 * The full collections in `--trace-gc` output of a process started at `startedAt` (epoch ms).
 * RSS rises and falls by a hundred MiB as V8 grows and returns its spaces; the heap left after
 * each full collection is the steady measure of what is kept.
 */
export function fullGcs(output: string, startedAt: number): FullGc[] {
  return output.split('\n').flatMap((line) => {
    const match = MARK_COMPACT.exec(line);
    return match ? [{ at: startedAt + Number(match[1]), afterMiB: Number(match[2]) }] : [];
  });
}
