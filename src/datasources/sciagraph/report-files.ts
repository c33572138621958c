import { extname, join } from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import { UpstreamUnavailableError } from '../../errors';
import { classifyFsError } from './report-fs';
import type { ReportFs } from './report-fs';
import { SIDECAR_FILE_NAME } from './profile-result.schema';
import type { ReportEntry } from './report-entry';

/** Largest report file served, in bytes. */
export const MAX_SERVED_BYTES = 256 * 1024 * 1024;
const MAX_MANIFEST_FILES = 500;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
};

/** An open report file, ready to stream; the caller closes `handle`. */
export interface OpenReportFile {
  handle: FileHandle;
  size: number;
  contentType: string;
  /** True for types the gateway does not know: serve as a download. */
  attachment: boolean;
  /** Strong validator from (ino, size, mtime). */
  etag: string;
}

type Manifest = { mtimeMs: number; files: Map<string, string> };

/**
 * Serves report files from the manifest of each report directory (contract §9): regular files
 * found without following symlinks at depth ≤ 2, names matching a strict pattern, at most 500,
 * never the sidecar. Files are opened with O_NOFOLLOW and must still be the manifest's (dev, ino).
 */
export class ReportFiles {
  private readonly manifests = new Map<string, Manifest>();

  constructor(private readonly fs: ReportFs) {}

  /**
   * Opens `segments` (already decoded and checked) inside `entry`'s directory; null = 404. A
   * transient filesystem error (EIO, ESTALE, …) is `UPSTREAM_UNAVAILABLE`; a file opened after
   * `signal` fired (a stalled mount that came back) is closed again.
   */
  async open(entry: ReportEntry, segments: readonly string[], signal?: AbortSignal): Promise<OpenReportFile | null> {
    if (segments.length === 0 || segments.length > 2 || !segments.every((s) => NAME_PATTERN.test(s))) return null;
    const dir = join(entry.root, entry.relDir);
    try {
      const manifest = await this.manifest(entry, dir);
      if (!manifest) return null;
      const relPath = segments.join('/');
      const identity = manifest.files.get(relPath);
      if (identity === undefined) return null;
      const handle = await this.fs.openNoFollow(join(dir, ...segments));
      const stats = await handle.stat();
      if (
        signal?.aborted ||
        !stats.isFile() ||
        `${stats.dev}:${stats.ino}` !== identity ||
        stats.size > MAX_SERVED_BYTES
      ) {
        await handle.close();
        return null;
      }
      const type = CONTENT_TYPES[extname(relPath).toLowerCase()];
      return {
        handle,
        size: stats.size,
        contentType: type ?? 'application/octet-stream',
        attachment: type === undefined,
        etag: `"${stats.ino.toString(36)}-${stats.size.toString(36)}-${Math.floor(stats.mtimeMs).toString(36)}"`,
      };
    } catch (error) {
      if (classifyFsError(error) !== 'transient') return null;
      throw new UpstreamUnavailableError(
        'sciagraph',
        `report file ${segments.join('/')} cannot be read (${String((error as NodeJS.ErrnoException).code ?? error)})`,
        { cause: error },
      );
    }
  }

  private async manifest({ reportKey, dirId }: ReportEntry, dir: string): Promise<Manifest | undefined> {
    const dirStats = await this.fs.lstat(dir);
    // A directory swapped for a symlink (here or above) after indexing no longer matches its identity.
    if (!dirStats.isDirectory() || `${dirStats.dev}:${dirStats.ino}` !== dirId) return undefined;
    const cached = this.manifests.get(reportKey);
    if (cached?.mtimeMs === dirStats.mtimeMs) return cached;
    const files = new Map<string, string>();
    const scan = async (rel: string, depth: number): Promise<void> => {
      for (const entry of await this.fs.readdir(rel === '' ? dir : join(dir, rel))) {
        if (files.size >= MAX_MANIFEST_FILES || !NAME_PATTERN.test(entry.name) || entry.name === SIDECAR_FILE_NAME)
          continue;
        const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
        const stats = await this.fs.lstat(join(dir, relPath)).catch(() => undefined);
        if (stats?.isFile()) files.set(relPath, `${stats.dev}:${stats.ino}`);
        else if (stats?.isDirectory() && depth < 2) await scan(relPath, depth + 1);
      }
    };
    await scan('', 1);
    const manifest = { mtimeMs: dirStats.mtimeMs, files };
    this.manifests.set(reportKey, manifest);
    return manifest;
  }
}
