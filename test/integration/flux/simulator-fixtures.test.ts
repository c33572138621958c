import { loadFluxFixtures } from '../../fixtures/flux/flux-fixtures';
import { fixtureDataset } from '../../support/flux-fixture-dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { rawConnect } from './sim-socket';

const { handshake, cases } = loadFluxFixtures();

describe('the simulator answers every golden request with the recorded bytes', () => {
  let sim: FluxSimulator;
  beforeAll(async () => {
    sim = await startFluxSimulator({ dataset: fixtureDataset(), ownerUid: 1001 });
  });
  afterAll(() => sim.close());

  it('writes the handshake byte', async () => {
    const client = await rawConnect(sim.socketPath);
    expect(await client.waitFor(1)).toEqual(handshake);
    client.socket.destroy();
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const client = await rawConnect(sim.socketPath);
    await client.waitFor(1);
    client.socket.write(c.requestBytes);
    await client.waitFor(1 + c.responseBytes.length);
    await new Promise((r) => setTimeout(r, 30));
    expect(client.received().subarray(1).toString('hex')).toBe(c.responseBytes.toString('hex'));
    client.socket.destroy();
  });

  it('answers all the requests sent back to back on one connection, each stream in order', async () => {
    const client = await rawConnect(sim.socketPath);
    client.socket.write(Buffer.concat(cases.map((c) => c.requestBytes)));
    const total = 1 + cases.reduce((n, c) => n + c.responseBytes.length, 0);
    const got = await client.waitFor(total);
    expect(got.length).toBe(total);
    client.socket.destroy();
  });
});
