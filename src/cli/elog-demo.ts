import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElogConfig } from '../config/elog.config';
import type { Dataset } from '../simulators/dataset';
import { startElogSimulator } from '../simulators/elog/elog-simulator';

/** The `elog` section pointing at a running simulator, and how to stop it. */
export interface ElogDemo {
  elog: ElogConfig;
  /** Human-readable line for the demo banner. */
  summary: string;
  close(): Promise<void>;
}

/**
 * Starts the eLog simulator over the demo dataset, unless `JOBGRAPH_ELOG_URL` is set (a real
 * eLog wins). Mode `auto` as at LCLS: the operator password file is a temporary file, and a
 * Kerberos token command and an ARP token stand in for the user `jdoe` on other experiments.
 */
export async function startElogDemo(dataset: Dataset, configured: ElogConfig): Promise<ElogDemo | undefined> {
  if (configured.url) return undefined;
  const sim = await startElogSimulator({ dataset });
  const dir = await mkdtemp(join(tmpdir(), 'jobgraph-elog-demo-'));
  const passwordFile = join(dir, 'opr-password');
  await writeFile(passwordFile, `${sim.operatorPassword}\n`, { mode: 0o600 });
  const token = await sim.mintToken('jdoe', dataset.experiments.find((e) => e.isActive)?.name ?? '', 8 * 3600);
  return {
    elog: {
      ...configured,
      url: sim.url,
      auth: 'auto',
      oprPasswordFile: passwordFile,
      kerberosCommand: `printf '%s\\n' ${sim.negotiateToken('jdoe')}`,
      jidUrlPrefixes: [sim.jidUrlPrefix],
      arpAuthorization: `Bearer ${token}`,
    },
    summary: `eLog simulator at ${sim.url} (${dataset.experiments.length} experiments)`,
    close: async () => {
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
