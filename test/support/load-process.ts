import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** One request the load generator made: when it was sent (epoch ms), how long it took, what came back. */
export interface LoadSample {
  at: number;
  ms: number;
  status: number;
  /** `CODE:backend` of each GraphQL error. */
  codes: string[];
  data: boolean;
}

/** Runs the load generator in a second process; resolves to its samples when it is done. */
export function runLoad(
  url: string,
  ratePerSecond: number,
  seconds: number,
  request: { query: string; variables?: Record<string, unknown> },
): Promise<LoadSample[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(__dirname, 'load-generator.js'), url, String(ratePerSecond), String(seconds), JSON.stringify(request)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve((JSON.parse(last) as { samples: LoadSample[] }).samples);
      } catch {
        reject(new Error(`load generator exited ${code} without a report: ${out.slice(-500)}`));
      }
    });
  });
}

/** The p-th percentile (0–100) of latencies. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
