/**
 * Runs every `bench/*.bench.js` (compiled): modules exporting `benchmarks` are run here and their
 * figures printed, with ratios against baselines measured in the same process; other bench
 * modules are scripts and run as child processes. `npm run bench [-- name-filter…]`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Benchmark, BenchFigure } from './bench.types';

function format(figure: BenchFigure): string {
  const shown =
    figure.value < 10
      ? figure.value.toFixed(2)
      : figure.value < 100
        ? figure.value.toFixed(1)
        : Math.round(figure.value).toLocaleString('en-US');
  const value = `${figure.label}: ${shown} ${figure.unit}`;
  if (!figure.baseline) return value;
  const ratio = figure.value / figure.baseline.value;
  return `${value} (${ratio.toFixed(2)}× ${figure.baseline.label}: ${Math.round(figure.baseline.value).toLocaleString('en-US')} ${figure.unit})`;
}

/** The 1, 5 and 15 minute load averages, quoted next to every figure (the machine is shared). */
function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.js'))
    .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));
  for (const file of files) {
    const path = join(__dirname, file);
    if (!/exports\.benchmarks\s*=/.test(readFileSync(path, 'utf8'))) {
      console.log(`\n## ${file} (script)`);
      spawnSync(process.execPath, ['--expose-gc', path], { stdio: 'inherit' });
      continue;
    }
    const { benchmarks } = (await import(path)) as { benchmarks: Benchmark[] };
    for (const bench of benchmarks) {
      console.log(`\n## ${bench.name}`);
      console.log(`  load average at start: ${loadAverage()}`);
      for (const figure of await bench.run()) console.log(`  ${format(figure)}`);
      console.log(`  load average at end: ${loadAverage()}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
