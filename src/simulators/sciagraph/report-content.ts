/** Values one simulated Sciagraph report shows. */
export interface ReportContent {
  jobId: string;
  startSecs: number;
  durationMs: number;
  peakMemoryKiB: number;
  /** Frames of the peak-memory flamegraph: name and share of the peak (0–1). */
  frames: ReadonlyArray<{ name: string; share: number }>;
}

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small but valid peak-memory flamegraph SVG. */
export function peakMemorySvg(content: ReportContent): string {
  let x = 0;
  const rects = content.frames.map((frame, i) => {
    const width = Math.max(1, Math.round(frame.share * 1180));
    const rect = `<g><title>${escapeXml(frame.name)} (${Math.round(frame.share * content.peakMemoryKiB)} KiB)</title><rect x="${10 + x}" y="${200 - 20 * (i % 8)}" width="${width}" height="18" fill="rgb(230,${100 + ((i * 37) % 120)},50)"/><text x="${14 + x}" y="${213 - 20 * (i % 8)}" font-size="11">${escapeXml(frame.name)}</text></g>`;
    x = (x + width) % 1180;
    return rect;
  });
  return `<?xml version="1.0" standalone="no"?>\n<svg version="1.1" width="1200" height="240" viewBox="0 0 1200 240" xmlns="http://www.w3.org/2000/svg"><text x="600" y="20" text-anchor="middle" font-size="16">Peak memory: ${content.peakMemoryKiB} KiB</text>${rects.join('')}</svg>\n`;
}

/** A performance flamegraph, as some reports carry. */
export function performanceSvg(content: ReportContent): string {
  return peakMemorySvg({ ...content, frames: [...content.frames].reverse() }).replace(
    'Peak memory',
    'Performance; peak memory',
  );
}

/** A small `index.html` that links the flamegraphs, like Sciagraph's report page. */
export function reportIndexHtml(content: ReportContent, hasPerformance: boolean): string {
  const started = new Date(content.startSecs * 1000).toISOString();
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Sciagraph report ${escapeXml(content.jobId)}</title></head><body>\n<h1>Sciagraph profiling report</h1>\n<p>Job ${escapeXml(content.jobId)} started ${started}, ran ${(content.durationMs / 1000).toFixed(1)} s, peak memory ${(content.peakMemoryKiB / 1024).toFixed(1)} MiB.</p>\n<h2>Peak memory</h2><img src="peak-memory.svg" alt="peak memory flamegraph">\n${hasPerformance ? '<h2>Performance</h2><img src="performance.svg" alt="performance flamegraph">\n' : ''}</body></html>\n`;
}
