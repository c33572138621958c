import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeBodies } from './playground-encodings';
import type { EncodedBodies } from './playground-encodings';

/** One built playground file held in memory. */
export interface PlaygroundAsset {
  body: Buffer;
  /** The body compressed once at load (brotli, gzip), served to browsers that accept it. */
  encoded: EncodedBodies;
  contentType: string;
  /** Strong validator from the content (sha256, base64url, quoted). */
  etag: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Loads every file of the built bundle directory (see scripts/playground/build-playground.ts),
 * keyed by file name. A few MB, read once at start. Returns undefined when the directory does
 * not exist (the bundle was not built).
 */
export async function loadPlaygroundAssets(dir: string): Promise<Map<string, PlaygroundAsset> | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const assets = new Map<string, PlaygroundAsset>();
  for (const name of names) {
    const body = await readFile(path.join(dir, name));
    const contentType = CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream';
    assets.set(name, {
      body,
      encoded: encodeBodies(body),
      contentType,
      etag: `"${createHash('sha256').update(body).digest('base64url')}"`,
    });
  }
  return assets.has('playground.js') ? assets : undefined;
}
