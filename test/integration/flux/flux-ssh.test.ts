import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FluxRpcClient } from '../../../src/datasources/flux/flux-rpc';
import { FluxConnectionError } from '../../../src/datasources/flux/flux-rpc-error';
import { startReplayBroker } from './replay-broker';

const script = join(__dirname, 'stand-in-ssh.js');

describe('ssh:// connections through a stand-in ssh on PATH', () => {
  let bin: string;
  let sshEnv: Record<string, string | undefined>;
  let argvLog: string;
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'flux-ssh-bin-'));
    symlinkSync(script, join(bin, 'ssh'));
    argvLog = join(bin, 'argv.json');
    sshEnv = { ...process.env, PATH: `${bin}:${process.env.PATH}`, STAND_IN_SSH_LOG: argvLog };
  });
  afterAll(() => {
    rmSync(bin, { recursive: true, force: true });
  });

  it('runs `ssh -p PORT user@host flux relay PATH` and speaks the protocol over its stdio', async () => {
    const broker = await startReplayBroker();
    const client = new FluxRpcClient({ uri: `ssh://alice@login1:2222${broker.path}`, sshEnv });
    try {
      expect(await client.call('attr.get', { name: 'size' })).toEqual({ value: '1', flags: 1 });
      const events: unknown[] = [];
      for await (const e of client.stream('job-info.eventlog-watch', { id: 320142835712, path: 'eventlog', flags: 0 }))
        events.push(e);
      expect(events).toHaveLength(10);
      expect(JSON.parse(readFileSync(argvLog, 'utf8'))).toEqual([
        '-p',
        '2222',
        'alice@login1',
        'flux',
        'relay',
        broker.path,
      ]);
    } finally {
      await client.close();
      await broker.close();
    }
  });

  it('honors FLUX_SSH / FLUX_SSH_RCMD given as options and omits -p without a port', async () => {
    const broker = await startReplayBroker();
    const client = new FluxRpcClient({
      uri: `ssh://login1${broker.path}`,
      ssh: script,
      sshRcmd: '/opt/flux/bin/flux',
      sshEnv,
    });
    try {
      expect(await client.call('job-list.list-attrs', {})).toHaveProperty('attrs');
      expect(JSON.parse(readFileSync(argvLog, 'utf8'))).toEqual(['login1', '/opt/flux/bin/flux', 'relay', broker.path]);
    } finally {
      await client.close();
      await broker.close();
    }
  });

  it('reports the relay’s stderr and exit status when it cannot start', async () => {
    const client = new FluxRpcClient({ uri: 'ssh://login1/nonexistent/socket', connectAttempts: 1, sshEnv });
    try {
      const err = await client.call('attr.get', { name: 'size' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FluxConnectionError);
      expect((err as Error).message).toMatch(
        /closed before the handshake: exit status 1; flux-relay: \/nonexistent\/socket/,
      );
    } finally {
      await client.close();
    }
  });

  it('reports a missing ssh command', async () => {
    const client = new FluxRpcClient({
      uri: 'ssh://login1/run/flux/local',
      ssh: join(bin, 'no-such-ssh'),
      connectAttempts: 1,
      sshEnv,
    });
    try {
      await expect(client.call('attr.get', {})).rejects.toThrow(/could not start .*no-such-ssh/);
    } finally {
      await client.close();
    }
  });
});
