import { basename, dirname, relative, sep } from 'node:path';
import { watch } from 'chokidar';
import type { Logger } from 'pino';
import { isUnder } from './report-index';
import type { ReportFs } from './report-fs';
import { MAX_WALK_DEPTH } from './report-walker';

/** Events are collected this long before the affected directories are rescanned (contract §7.5). */
export const WATCH_DEBOUNCE_MS = 500;

/** `statfs` magic numbers of network filesystems, where inotify misses remote writes (contract §7.5). */
export const NETWORK_FS_TYPES: ReadonlySet<number> = new Set([
  0x6969, 0xfe534d42, 0xff534d42, 0x0bd00bd0, 0x47504653, 0x00c36400, 0x19830326, 0x65735546, 0x5346414f,
]);

/** `auto` resolves to `poll` on network filesystems, else `watch`; unknown filesystems watch. */
export async function resolveWatchMode(
  fs: ReportFs,
  root: string,
  mode: 'auto' | 'watch' | 'poll',
): Promise<'watch' | 'poll'> {
  if (mode !== 'auto') return mode;
  const stats = await fs.statfs(root).catch(() => undefined);
  return stats && NETWORK_FS_TYPES.has(stats.type) ? 'poll' : 'watch';
}

/** A running watch of one root. */
export interface RootWatch {
  close(): Promise<void>;
}

/**
 * Watches `root` (chokidar: fs.watch per directory, symlinks not followed, dot-entries ignored)
 * and calls `onChange` with the minimal set of relative directories to rescan, debounced by
 * {@link WATCH_DEBOUNCE_MS}. `onLimit` is called once when the kernel's watch limit is hit.
 */
export function watchRoot(
  root: string,
  logger: Logger,
  onChange: (relDirs: string[]) => void,
  onLimit: () => void,
): RootWatch {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const toRel = (path: string): string => relative(root, path).split(sep).join('/');
  const watcher = watch(root, {
    ignoreInitial: true,
    followSymlinks: false,
    depth: MAX_WALK_DEPTH,
    ignorePermissionErrors: true,
    ignored: (path: string) => path !== root && basename(path).startsWith('.'),
  });
  watcher.on('all', (event, path) => {
    pending.add(toRel(event === 'addDir' ? path : dirname(path)));
    timer ??= setTimeout(() => {
      timer = undefined;
      const dirs = [...pending].sort((a, b) => a.length - b.length);
      pending.clear();
      onChange(dirs.filter((dir, i) => !dirs.slice(0, i).some((outer) => isUnder(dir, outer))));
    }, WATCH_DEBOUNCE_MS);
  });
  let limited = false;
  watcher.on('error', (error) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC' && !limited) {
      limited = true;
      onLimit();
    } else {
      logger.warn({ root, err: error }, 'sciagraph report watcher error');
    }
  });
  return {
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
