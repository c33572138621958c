import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startJobgraph } from '../support/demo-process';
import { fragmentFanOut } from '../../support/adversarial-documents';

const SHUTDOWN_DEADLINE_MS = 2_000;

/**
 * A Flux "broker" that accepts connections and never answers: a request reaching Flux stays in
 * flight until the RPC deadline (a minute here), as behind a hung broker.
 */
function silentBroker(path: string): Promise<{ server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) => server.listen(path, () => resolve({ server, sockets })));
}

describe('SIGTERM while requests are running (the real CLI)', () => {
  it('ends `jobgraph serve` within the shutdown deadline, with a hung backend call and the fan-out document in flight', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobgraph-sigterm-'));
    const socket = join(dir, 'flux.sock');
    const broker = await silentBroker(socket);
    const gateway = await startJobgraph(['serve', '--port', '0', '--log-level', 'warn'], {
      JOBGRAPH_AUTH: 'none',
      FLUX_URI: `local://${socket}`,
      JOBGRAPH_FLUX_TIMEOUT_MS: '60000',
      JOBGRAPH_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_DEADLINE_MS),
      JOBGRAPH_RATE_LIMIT_PER_MINUTE: '0',
    });
    try {
      const post = (query: string): Promise<unknown> =>
        fetch(gateway.graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        }).then(
          (r) => r.text(),
          (error: unknown) => error,
        );
      const hung = post('{ jobStats { __typename } }');
      const fanOut = post(fragmentFanOut(60));
      // Both requests reach the gateway (the backend call is in flight) before the signal.
      const deadline = Date.now() + 10_000;
      while (broker.sockets.size === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(broker.sockets.size).toBeGreaterThan(0);
      const child = gateway as unknown as { pid: number };
      const signalled = performance.now();
      const exited = new Promise<number>((resolve) => {
        const poll = setInterval(() => {
          try {
            process.kill(child.pid, 0);
          } catch {
            clearInterval(poll);
            resolve(performance.now() - signalled);
          }
        }, 25);
      });
      process.kill(child.pid, 'SIGTERM');
      let giveUp: NodeJS.Timeout | undefined;
      const exitMs = await Promise.race([
        exited,
        new Promise<number>((r) => (giveUp = setTimeout(r, 20_000, Infinity))),
      ]);
      clearTimeout(giveUp);
      await Promise.all([hung, fanOut]);
      // The deadline, plus the time to close the datasources and exit on a loaded machine.
      expect(exitMs).toBeLessThan(SHUTDOWN_DEADLINE_MS + 3_000);
    } finally {
      await gateway.stop();
      for (const s of broker.sockets) s.destroy();
      broker.server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
