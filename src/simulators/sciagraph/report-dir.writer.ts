import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { peakMemorySvg, performanceSvg, reportIndexHtml } from './report-content';
import type { ReportContent } from './report-content';

/** Writes one report directory with the given content (mtimes set to the report's end). */
export async function writeReportDir(
  dir: string,
  content: ReportContent,
  extras: { performance: boolean; full: boolean },
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const reportJson = JSON.stringify({
    start_time_secs_since_epoch: content.startSecs,
    duration_ms: content.durationMs,
    id: content.jobId,
    peak_memory_kb: content.peakMemoryKiB,
  });
  const files: Array<[string, string]> = [['report.json', reportJson]];
  if (extras.full)
    files.push(
      ['peak-memory.svg', peakMemorySvg(content)],
      ['index.html', reportIndexHtml(content, extras.performance)],
    );
  if (extras.full && extras.performance) files.push(['performance.svg', performanceSvg(content)]);
  const end = new Date(content.startSecs * 1000 + content.durationMs);
  for (const [name, text] of files) {
    await writeFile(join(dir, name), text);
    await utimes(join(dir, name), end, end);
  }
}
