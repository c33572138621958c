import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '../dataset';
import { writeSciagraphReports } from './sciagraph-reports.writer';

/** Options of {@link startSciagraphSimulator}. */
export interface SciagraphSimulatorOptions {
  dataset: Dataset;
  /** Default 1. */
  seed?: number;
  /** Where to create the report root; default the OS temp directory. */
  parentDir?: string;
}

/** Report directories written for the demo; `close()` removes them. */
export interface SciagraphSimulator {
  /** The report root to configure (`JOBGRAPH_SCIAGRAPH_REPORTS`). */
  root: string;
  /** Number of report directories written. */
  reportCount: number;
  close(): Promise<void>;
}

/**
 * "Starts" Sciagraph for demo mode: writes report directories for about a quarter of the
 * dataset's started jobs into a fresh temporary root (no faults), as profiled batch jobs would.
 */
export async function startSciagraphSimulator(options: SciagraphSimulatorOptions): Promise<SciagraphSimulator> {
  const root = await mkdtemp(join(options.parentDir ?? tmpdir(), 'jobgraph-sciagraph-'));
  const written = await writeSciagraphReports({ root, dataset: options.dataset, seed: options.seed ?? 1 });
  return {
    root,
    reportCount: written.reports.length,
    close: () => rm(root, { recursive: true, force: true }),
  };
}
