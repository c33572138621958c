// `npm run soak`: the compiled `jobgraph demo` in a child process under the mixed query load.
// Options: --minutes N (default 10), --rate N requests/s (default 20), --warmup-seconds N (default 60;
// it goes on to the first full GC after it, a minute more at most).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startDemo } from '../../test/e2e/support/demo-process';
import { fullGcs } from './gc-trace';
import { runSoak } from './soak-runner';
import { formatSoakReport, formatWindow, soakVerdict } from './soak-verdict';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      rate: { type: 'string', default: '20' },
      'warmup-seconds': { type: 'string', default: '60' },
    },
  });
  const minutes = Number(values.minutes);
  const rate = Number(values.rate);
  const warmupMs = Number(values['warmup-seconds']) * 1000;
  const demo = await startDemo({}, 120_000, ['--trace-gc', path.join(ROOT, 'dist/src/cli/main.js')]);
  try {
    process.stdout.write(
      `soak: ${minutes} min at ${rate} requests/s against jobgraph demo (pid ${demo.pid}, ${demo.graphqlUrl}); warm-up ${warmupMs / 1000} s\n`,
    );
    const report = await runSoak({
      graphqlUrl: demo.graphqlUrl,
      pid: demo.pid,
      durationMs: minutes * 60_000,
      warmupMs,
      maxWarmupMs: warmupMs + 60_000,
      ratePerSecond: rate,
      windowMs: 60_000,
      onWindow: (w) => process.stdout.write(`${formatWindow(w)}\n`),
      fullGcs: () => fullGcs(demo.output(), demo.startedAt),
    });
    process.stdout.write(`${formatSoakReport(report)}\n`);
    const broken = soakVerdict(report);
    process.stdout.write(broken.length === 0 ? 'soak passed\n' : `soak FAILED:\n  ${broken.join('\n  ')}\n`);
    return broken.length === 0 ? 0 : 1;
  } finally {
    await demo.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`soak: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
  },
);
