import { soakVerdict } from '../../../bench/soak/soak-verdict';
import type { SoakReport } from '../../../bench/soak/soak-runner';

function report(p99s: number[]): SoakReport {
  const sample = { rssBytes: 300 * 1048576, fds: 50, sockets: 20 } as SoakReport['start'];
  return {
    warmupMs: 15_000,
    windows: p99s.map((p99Ms, index) => ({
      index,
      requests: 400,
      failed: 0,
      p50Ms: 10,
      p99Ms,
      rssMiB: 300,
      fds: 50,
      sockets: 20,
    })),
    start: sample,
    end: sample,
    rssDriftPct: 1,
    rssRange: [290 * 1048576, 310 * 1048576],
    fdGrowth: 0,
    socketGrowth: 0,
    requests: 400 * p99s.length,
    failed: 0,
    failures: [],
    byKind: {} as SoakReport['byKind'],
  };
}

describe('soakVerdict p99 stability', () => {
  it('passes one window of scheduling noise', () => {
    expect(soakVerdict(report([260, 900, 300]))).toEqual([]);
    expect(soakVerdict(report([260, 300, 1700]))).toEqual([]);
  });
  it('fails a latency that stays degraded in the last windows', () => {
    expect(soakVerdict(report([260, 900, 1700]))).toEqual([
      'p99 of the last windows 900 ms is over 780 ms (first window 260 ms)',
    ]);
    expect(soakVerdict(report([100, 400]))).toEqual([
      'p99 of the last windows 400 ms is over 350 ms (first window 100 ms)',
    ]);
  });
});
