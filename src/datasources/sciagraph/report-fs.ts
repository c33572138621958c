import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, statfs } from 'node:fs/promises';
import type { Dirent, Stats, StatsFs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * The filesystem calls the report index makes. Production uses {@link nodeReportFs}; tests wrap
 * it to inject errors root cannot otherwise see (EACCES, EIO).
 */
export interface ReportFs {
  lstat(path: string): Promise<Stats>;
  readdir(path: string): Promise<Dirent[]>;
  /** Opens read-only without following a final symlink (O_NOFOLLOW). */
  openNoFollow(path: string): Promise<FileHandle>;
  realpath(path: string): Promise<string>;
  statfs(path: string): Promise<StatsFs>;
}

/** {@link ReportFs} over node:fs/promises. */
export const nodeReportFs: ReportFs = {
  lstat: (path) => lstat(path),
  readdir: (path) => readdir(path, { withFileTypes: true }),
  openNoFollow: (path) => open(path, constants.O_RDONLY | constants.O_NOFOLLOW),
  realpath: (path) => realpath(path),
  statfs: (path) => statfs(path),
};

/** How a filesystem error affects the index (contract §7.4). */
export type FsErrorKind = 'denied' | 'gone' | 'transient';

/** Classifies a filesystem error: EACCES/EPERM denied, ENOENT/ENOTDIR gone, everything else transient. */
export function classifyFsError(error: unknown): FsErrorKind {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'denied';
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return 'gone';
  return 'transient';
}

/** Reads a whole regular file opened with O_NOFOLLOW; null when it is not a regular file or is over `maxBytes`. */
export async function readSmallFile(
  fs: ReportFs,
  path: string,
  maxBytes: number,
): Promise<{ text: string; stats: Stats } | null> {
  const handle = await fs.openNoFollow(path);
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size > maxBytes) return null;
    // One read of the fstat size instead of readFile's own fstat and chunked reads.
    const buffer = Buffer.allocUnsafe(stats.size);
    const { bytesRead } = stats.size > 0 ? await handle.read(buffer, 0, stats.size, 0) : { bytesRead: 0 };
    return { text: buffer.toString('utf8', 0, bytesRead), stats };
  } finally {
    await handle.close();
  }
}

/** Identity of a file version: (ino, size, mtime). Unchanged signatures are not re-read. */
export function fileSignature(stats: Stats): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}
