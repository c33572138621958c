import { PassThrough } from 'node:stream';
import { createProgressReporter } from '../../../src/forwarder/progress-reporter';

/** A writable stream that records what was written; `isTTY` as a terminal or a pipe would report it. */
function stream(isTTY: boolean): NodeJS.WriteStream & { text(): string } {
  const out = new PassThrough() as unknown as NodeJS.WriteStream & { text(): string };
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  Object.assign(out, {
    isTTY,
    columns: 120,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    text: () => text,
  });
  return out;
}

const progress = (forwarded: number) => ({
  listed: 3000,
  forwarded,
  since: 1_795_305_711.5,
  jobsPerSecond: 1234.56,
  elapsedMs: 2000,
});

test('not a terminal: one JSON line per stored batch, jobs/s rounded', () => {
  const out = stream(false);
  const reporter = createProgressReporter(out);
  reporter.listener(progress(1000));
  reporter.listener(progress(2000));
  reporter.stop();
  const lines = out
    .text()
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines).toEqual([
    {
      event: 'forward-progress',
      listed: 3000,
      forwarded: 1000,
      since: 1_795_305_711.5,
      jobsPerSecond: 1235,
      elapsedMs: 2000,
    },
    {
      event: 'forward-progress',
      listed: 3000,
      forwarded: 2000,
      since: 1_795_305_711.5,
      jobsPerSecond: 1235,
      elapsedMs: 2000,
    },
  ]);
});

test('a terminal: a progress bar with done/total, jobs/s and the watermark time, no JSON', () => {
  const out = stream(true);
  const reporter = createProgressReporter(out);
  reporter.listener(progress(1000));
  reporter.listener(progress(3000));
  reporter.stop();
  const text = out.text();
  expect(text).toContain('3000/3000 jobs | 1235 jobs/s | since 2026-11-22T00:01:51.500Z');
  expect(text).toContain(`forwarding ${'='.repeat(13)}${'-'.repeat(27)} 1000/3000 jobs`);
  expect(text).not.toContain('"event"');
});
