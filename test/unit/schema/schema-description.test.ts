import { readFileSync } from 'node:fs';
import path from 'node:path';
import { graphqlSync } from 'graphql';
import { SCHEMA_DESCRIPTION } from '../../../src/schema/build-schema';
import { gatewaySchema, gatewaySubgraphSchema } from '../../../src/server/gateway-schema';

// Issue 21 item 8: the playground's documentation explorer opened on GraphiQL's stock schema text.
describe('the schema describes jobgraph', () => {
  test('introspection answers the description, on the schema and the Federation subgraph', () => {
    for (const schema of [gatewaySchema(), gatewaySubgraphSchema()]) {
      const result = graphqlSync({ schema, source: '{ __schema { description } }' });
      expect(result.errors).toBeUndefined();
      expect((result.data?.__schema as { description?: string }).description).toBe(SCHEMA_DESCRIPTION);
    }
  });

  test('it names the backends and the first fields to try', () => {
    for (const word of ['Flux', 'Elasticsearch', 'eLog', 'jobs/aggs', 'Sciagraph', '`jobs`', '`job(id:)`'])
      expect(SCHEMA_DESCRIPTION).toContain(word);
  });

  test('the playground asks for it (GraphiQL leaves it out of its introspection by default)', () => {
    const page = readFileSync(path.join(__dirname, '../../../src/server/playground/browser/playground.tsx'), 'utf8');
    expect(page).toMatch(/<GraphiQL[^>]*\bschemaDescription\b/s);
  });
});
