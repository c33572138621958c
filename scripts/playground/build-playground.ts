import { build } from 'esbuild';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_PLAYGROUND_ASSETS_DIR, PROJECT_ROOT as ROOT } from '../../src/server/playground/playground-paths';

/** Options of {@link buildPlaygroundBundle}. */
export interface BuildPlaygroundOptions {
  /** Output directory, emptied first. Default {@link DEFAULT_PLAYGROUND_ASSETS_DIR}. */
  outDir?: string;
  /** Minify the bundle. Default true. */
  minify?: boolean;
}

/**
 * Bundles GraphiQL (4.x: CodeMirror 5, so no web workers), React and the playground entry from
 * node_modules into `playground.js` + `playground.css` (fonts inlined as data URLs; any other
 * asset emitted as a file next to them) and their third-party licence notices. Nothing in the
 * output loads from another origin.
 * @returns the names of the files written to `outDir`.
 */
export async function buildPlaygroundBundle(options: BuildPlaygroundOptions = {}): Promise<string[]> {
  const outDir = options.outDir ?? DEFAULT_PLAYGROUND_ASSETS_DIR;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const browserDir = path.join(ROOT, 'src', 'server', 'playground', 'browser');
  await build({
    entryPoints: { playground: path.join(browserDir, 'playground.tsx') },
    tsconfig: path.join(browserDir, 'tsconfig.json'),
    absWorkingDir: ROOT,
    outdir: outDir,
    bundle: true,
    minify: options.minify ?? true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.png': 'file', '.svg': 'file' },
    assetNames: '[name]-[hash]',
    legalComments: 'external',
    logLevel: 'silent',
  });
  return (await readdir(outDir)).sort();
}

if (require.main === module) {
  buildPlaygroundBundle().then(
    (files) =>
      process.stdout.write(
        `playground: ${files.join(', ')} in ${path.relative(ROOT, DEFAULT_PLAYGROUND_ASSETS_DIR)}\n`,
      ),
    (error: unknown) => {
      process.stderr.write(`playground build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
