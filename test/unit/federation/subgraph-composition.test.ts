import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { PROPOSALS_SDL } from '../../support/proposals-subgraph';

const subgraphSdl = readFileSync(join(__dirname, '..', '..', '..', 'subgraph.graphql'), 'utf8');

function compose(proposals: string) {
  return composeServices([
    { name: 'jobgraph', typeDefs: parse(subgraphSdl), url: 'http://jobgraph.test/graphql' },
    { name: 'proposals', typeDefs: parse(proposals), url: 'http://proposals.test/graphql' },
  ]);
}

/** Issue 16 §2: the committed subgraph.graphql composes with a second subgraph (a composition error fails CI). */
describe('subgraph.graphql composes into a supergraph', () => {
  it('with the proposals subgraph: its entities, the fields each side adds, and @requires of Job.bank', () => {
    const result = compose(PROPOSALS_SDL);
    expect(result.errors ?? []).toEqual([]);
    const supergraph = result.supergraphSdl ?? '';
    for (const entity of ['Job', 'Experiment', 'ElogRun', 'ProfileReport']) {
      expect(supergraph).toMatch(new RegExp(`type ${entity}\\s[^{]*@join__type\\(graph: JOBGRAPH, key: `));
    }
    expect(supergraph).toMatch(/allocation: String @join__field\(graph: PROPOSALS, requires: "bank"\)/);
    expect(supergraph).toContain('type Proposal');
  });

  it('fails on a conflicting second subgraph (a field jobgraph owns, redefined without @shareable)', () => {
    const conflicting = PROPOSALS_SDL.replace(
      '  name: String!\n  """The proposal',
      '  name: String!\n  instrument: Int\n  """The proposal',
    );
    expect(conflicting).not.toBe(PROPOSALS_SDL);
    const result = compose(conflicting);
    expect(result.errors?.length ?? 0).toBeGreaterThan(0);
  });

  it('declares the entity keys of the issue on the type classes', () => {
    expect(subgraphSdl).toContain('type Job @key(fields: "id") @key(fields: "id cluster")');
    expect(subgraphSdl).toContain('type Experiment @key(fields: "name")');
    expect(subgraphSdl).toContain('type ElogRun @key(fields: "experiment number")');
    expect(subgraphSdl).toContain('type ProfileReport @key(fields: "id")');
    expect(subgraphSdl).toContain('_entities(representations: [_Any!]!): [_Entity]!');
  });
});
