import { FROM_SOURCES, startDemo } from '../support/demo-process';
import type { DemoProcess } from '../support/demo-process';
import { fullGcs } from '../../../bench/soak/gc-trace';
import { runSoak } from '../../../bench/soak/soak-runner';
import type { SoakReport } from '../../../bench/soak/soak-runner';
import { SOAK_LIMITS, formatSoakReport, formatWindow, soakVerdict } from '../../../bench/soak/soak-verdict';

/**
 * The CI version of `npm run soak`: the mixed load at 20 requests/s against `jobgraph demo` in a
 * child process, its full GCs traced: a warm-up of 15 s that goes on to the first full GC (50 s at
 * most: before it V8 grows its old space, RSS +12 % and flat after), then three 15 s windows.
 */
describe('soak, 60 seconds', () => {
  let demo: DemoProcess;
  let report: SoakReport;

  beforeAll(async () => {
    demo = await startDemo({}, 90_000, ['--trace-gc', ...FROM_SOURCES]);
    report = await runSoak({
      graphqlUrl: demo.graphqlUrl,
      pid: demo.pid,
      durationMs: 60_000,
      warmupMs: 15_000,
      maxWarmupMs: 50_000,
      ratePerSecond: 20,
      windowMs: 15_000,
      fullGcs: () => fullGcs(demo.output(), demo.startedAt),
    });
    // The figures, in CI's log too: a failed verdict is read with them.
    console.log([...report.windows.map(formatWindow), formatSoakReport(report)].join('\n'));
  }, 200_000);
  afterAll(async () => demo?.stop());

  it('answers every request of the mix', () => {
    expect(report.requests).toBeGreaterThan(700);
    expect(Object.values(report.byKind).every((n) => n > 100)).toBe(true);
    expect(report.failures).toEqual([]);
  });

  it(`keeps RSS within ${SOAK_LIMITS.rssDriftPct} %, descriptors and sockets within their slack, and p99 stable`, () => {
    expect(report.windows).toHaveLength(3);
    expect(soakVerdict(report)).toEqual([]);
  });
});
