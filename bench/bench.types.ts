/** One measured figure; with a baseline measured in the same process, the runner prints the ratio. */
export interface BenchFigure {
  label: string;
  value: number;
  unit: string;
  /** Same quantity for the reference implementation (e.g. `JSON.parse` of the same payloads). */
  baseline?: { label: string; value: number };
}

/** A benchmark the runner (bench/run.ts) calls; exported from a `*.bench.ts` module as `benchmarks`. */
export interface Benchmark {
  name: string;
  run(): Promise<BenchFigure[]>;
}
