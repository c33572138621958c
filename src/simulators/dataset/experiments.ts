import type { DatasetExperiment, DatasetRun, DatasetWorkflow } from './dataset.types';
import { HUTCHES } from './catalog';
import type { SeededRandom } from './random';

const DAY = 86400;
const LETTERS = ['l', 'p', 'x', 'c'] as const;
const SAMPLES = ['lysozyme', 'thermolysin', 'photosystem-II', 'myoglobin', 'buffer', 'YAG'] as const;

/**
 * Experiments per hutch back to back over [start, now]: each lasts 3–6 days, the last one of
 * each hutch is still active. Runs come every few minutes during two 12-hour shifts a day.
 */
export function generateExperiments(rng: SeededRandom, start: number, now: number): DatasetExperiment[] {
  const experiments: DatasetExperiment[] = [];
  let serial = 0;
  for (const [station, { hutch }] of HUTCHES.entries()) {
    let t = start - rng.int(0, 3) * DAY;
    while (t < now) {
      const length = rng.int(3, 6) * DAY;
      const end = t + length;
      const isActive = end >= now;
      const name = experimentName(rng, hutch, serial++);
      const exp: DatasetExperiment = {
        name,
        instrument: hutch.toUpperCase(),
        hutch,
        station: station === 1 ? 1 : 0,
        isActive,
        startTime: t,
        runs: generateRuns(rng, hutch, t, Math.min(end, now), isActive),
        workflows: workflows(name, hutch),
      };
      if (!isActive) exp.endTime = end;
      experiments.push(exp);
      t = end + rng.int(0, 2) * DAY;
    }
  }
  return experiments;
}

function experimentName(rng: SeededRandom, hutch: string, serial: number): string {
  const letter = rng.pick(LETTERS);
  const proposal =
    letter === 'l'
      ? String(10000 + ((serial * 7919 + rng.int(0, 999)) % 90000))
      : String(100 + serial).padStart(3, '0');
  return `${hutch}${letter}${proposal}${rng.pick(['24', '25'])}`;
}

function generateRuns(rng: SeededRandom, hutch: string, start: number, end: number, open: boolean): DatasetRun[] {
  const runs: DatasetRun[] = [];
  let t = start + 3600;
  while (t < end) {
    const hourOfDay = (t % DAY) / 3600;
    const onShift = hourOfDay >= 1 && hourOfDay < 23;
    if (!onShift) {
      t += 2 * 3600;
      continue;
    }
    const length = rng.int(120, 900) + rng.next();
    const run: DatasetRun = {
      number: runs.length + 1,
      beginTime: t,
      endTime: t + length,
      tags: runTags(rng),
      params: runParams(rng, hutch),
    };
    if (run.endTime !== undefined && run.endTime > end) {
      if (!open) break;
      delete run.endTime;
      runs.push(run);
      break;
    }
    runs.push(run);
    t += length + rng.exponential(600) + 60;
  }
  return runs;
}

function runTags(rng: SeededRandom): string[] {
  const r = rng.next();
  if (r < 0.08) return ['DARK'];
  if (r < 0.12) return ['CALIB'];
  if (r < 0.15) return ['SAMPLE', 'BAD'];
  if (r < 0.7) return ['SAMPLE'];
  return [];
}

function runParams(rng: SeededRandom, hutch: string): Record<string, number | string> {
  const prefix = hutch.toUpperCase();
  return {
    [`${prefix}:BEAM:PHOTON_ENERGY`]: Math.round((6 + rng.next() * 6) * 1000) / 1000,
    [`${prefix}:DET:DISTANCE`]: Math.round((80 + rng.next() * 120) * 10) / 10,
    [`${prefix}:LAS:DELAY_PS`]: Math.round((rng.next() * 20 - 5) * 100) / 100,
    sample: rng.pick(SAMPLES),
    events: rng.int(10000, 240000),
  };
}

function workflows(experiment: string, hutch: string): DatasetWorkflow[] {
  const base = `/sdf/data/lcls/ds/${hutch}/${experiment}/results`;
  return [
    {
      id: `${experiment}-wf-1`,
      name: 'smd_producer',
      executable: '/sdf/group/lcls/ds/tools/smd_producer/smd_producer.sh',
      trigger: 'END_OF_RUN',
      location: 'S3DF',
      parameters: `--queue milan --ncores 16 --outdir ${base}/smd`,
    },
    {
      id: `${experiment}-wf-2`,
      name: 'find_peaks',
      executable: 'psocake-findpeaks',
      trigger: 'ALL_FILES_TRANSFERRED',
      location: 'S3DF',
      parameters: `--queue milan --ncores 120 --outdir ${base}/peaks`,
    },
    {
      id: `${experiment}-wf-3`,
      name: 'cctbx_index',
      executable: '/sdf/group/lcls/ds/tools/cctbx/index.sh',
      trigger: 'MANUAL',
      location: 'S3DF',
      parameters: '--queue milan --nnodes 2',
    },
  ];
}

/** The experiment of `hutch` running at time `t`, if any. */
export function experimentAt(
  experiments: readonly DatasetExperiment[],
  hutch: string,
  t: number,
): DatasetExperiment | undefined {
  return experiments.find((e) => e.hutch === hutch && e.startTime <= t && (e.endTime === undefined || t < e.endTime));
}

/** The last run of `exp` that ended before `t` (binary search), if any. */
export function lastEndedRun(exp: DatasetExperiment, t: number): DatasetRun | undefined {
  let lo = 0;
  let hi = exp.runs.length - 1;
  let found: DatasetRun | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const run = exp.runs[mid];
    if (run === undefined) break;
    if (run.endTime !== undefined && run.endTime <= t) {
      found = run;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
