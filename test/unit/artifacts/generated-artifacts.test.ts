import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { staleConfigDocs } from '../../../scripts/config-docs';
import { gatewaySchemaSdl, gatewaySubgraphSdl } from '../../../src/server/gateway-schema';

describe('committed generated artifacts', () => {
  it('schema.graphql matches the type-graphql classes (run npm run schema)', () => {
    expect(readFileSync(join(__dirname, '..', '..', '..', 'schema.graphql'), 'utf8')).toBe(gatewaySchemaSdl());
  });
  it('subgraph.graphql matches the type-graphql classes (jobgraph schema --federation; npm run generate)', () => {
    expect(readFileSync(join(__dirname, '..', '..', '..', 'subgraph.graphql'), 'utf8')).toBe(gatewaySubgraphSdl());
  });
  it('.env.example and the configuration table of docs/configuration.md match the zod config sections (run npm run config-docs)', () => {
    expect(staleConfigDocs()).toEqual([]);
  });
});
