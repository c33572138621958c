import { loadFluxFixtures } from '../../../fixtures/flux/flux-fixtures';
import { fixtureDataset } from '../../../support/flux-fixture-dataset';
import { asManifest, call, testBroker } from './sim-helpers';

const { cases } = loadFluxFixtures();

describe('simulator services seeded with the fixture jobs answer like the 0.88 broker', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const broker = testBroker(fixtureDataset());
    const replies = await call(broker, c.request.topic, c.request.payload, c.request.streaming);
    expect(replies.map(asManifest)).toEqual(c.responses.map((r) => ({ errnum: r.errnum, payload: r.payload })));
  });
});
