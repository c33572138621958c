import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ElogClient } from '../../../src/datasources/elog/elog-client';
import type { ElogClientOptions } from '../../../src/datasources/elog/elog-client';
import type { ElogAuthOptions } from '../../../src/datasources/elog/elog-auth';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';

/** A client on the simulator with fast retries; `auth` defaults to the operator password of the simulator. */
export function simClient(
  sim: ElogSimulator,
  auth: Partial<ElogAuthOptions> & Pick<ElogAuthOptions, 'mode'>,
  extra: Partial<ElogClientOptions> = {},
): ElogClient {
  return new ElogClient({
    url: `${sim.url}/`,
    auth: { oprPassword: sim.operatorPassword, ...auth },
    jidUrlPrefixes: [sim.jidUrlPrefix],
    transport: { read: { initialBackoffMs: 5, maxBackoffMs: 20 } },
    ...extra,
  });
}

/** A temporary directory removed by the returned cleanup. */
export function tempDir(): { dir: string; file(name: string, text: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'jobgraph-elog-'));
  return {
    dir,
    file: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; extensions: Record<string, unknown> }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; message: string; extensions: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}
