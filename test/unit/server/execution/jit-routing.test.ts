import { parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { graphqlJsReason } from '../../../../src/server/execution/jit-routing';
import { gatewaySchema } from '../../../../src/server/gateway-schema';

function reason(query: string): string | undefined {
  const document = parse(query);
  return graphqlJsReason(gatewaySchema(), document, document.definitions[0] as OperationDefinitionNode);
}

describe('graphqlJsReason: the shapes graphql-jit gets wrong go to graphql-js', () => {
  it('a variable with a default (non-null omitted by the client, DateTime default)', () => {
    expect(reason('query($first: Int! = 100) { jobs(first: $first) { edges { cursor } } }')).toBe('variable-default');
    expect(
      reason(
        'query($from: DateTime = "2026-01-01T00:00:00Z") { jobs(filter: { submitted: { from: $from } }) { nodes { id } } }',
      ),
    ).toBe('variable-default');
  });

  it('a custom scalar written inline, also inside lists and input objects', () => {
    expect(reason('{ job(id: "ƒ7PFfdyq") { id } }')).toBe('custom-scalar-literal');
    expect(reason('{ jobs(filter: { submitted: { from: "2026-01-01T00:00:00Z" } }) { nodes { id } } }')).toBe(
      'custom-scalar-literal',
    );
  });

  it('introspection and mutations', () => {
    expect(reason('{ __schema { queryType { name } } }')).toBe('introspection');
    expect(reason('{ __type(name: "Job") { name } }')).toBe('introspection');
    expect(reason('mutation { __typename }')).toBe('mutation');
  });

  it('built-in scalars and enums inline, custom scalars as variables and __typename stay compiled', () => {
    expect(reason('{ jobs(first: 5, filter: { states: [RUN], users: ["alice"] }) { nodes { id submittedAt } } }')).toBe(
      undefined,
    );
    expect(reason('query($id: JobId!) { job(id: $id) { id __typename eventlog { timestamp } } }')).toBe(undefined);
    expect(reason('query($s: Boolean!) { jobStats @skip(if: $s) { failed } }')).toBe(undefined);
  });
});
