import { Kind, parse } from 'graphql';
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, OperationDefinitionNode } from 'graphql';
import { jobInfoKeysAhead } from '../../../src/resolvers/job-details-ahead';
import { fieldsSelectedAt } from '../../../src/resolvers/selected-fields';

/** The resolve info of the document's first root field (what `jobs` receives), as the executors build it. */
function infoOf(document: string, variableValues: Record<string, unknown> = {}): GraphQLResolveInfo {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const root = operation.selectionSet.selections[0] as FieldNode;
  const fieldNodes = operation.selectionSet.selections.filter(
    (s): s is FieldNode => s.kind === Kind.FIELD && (s.alias ?? s.name).value === (root.alias ?? root.name).value,
  );
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return { fieldNodes, fragments, variableValues } as unknown as GraphQLResolveInfo;
}

describe('the page look-ahead: which job-info keys a jobs selection asks', () => {
  it.each([
    ['{ jobs { edges { node { id eventlog { name } jobspec { command } } } } }', ['eventlog', 'jobspec']],
    ['{ jobs { nodes { jobspec { command } eventlog { name } } } }', ['jobspec', 'eventlog']],
    ['{ jobs { nodes { id } edges { node { eventlog { name } } } } }', ['eventlog']],
    ['{ jobs { nodes { jobspec { command } } edges { node { eventlog { name } } } } }', ['jobspec', 'eventlog']],
    ['{ jobs { edges { node { a: eventlog { name } b: eventlog { timestamp } } } } }', ['eventlog']],
    // environment loads J after its guard's await, in the same loader batch: J last, whatever the order asked.
    ['{ jobs { nodes { environment eventlog { name } } } }', ['eventlog', 'J']],
    ['{ jobs { edges { node { ...F } } } } fragment F on Job { id jobspec { command } }', ['jobspec']],
    ['{ jobs { edges { ... on JobEdge { node { ... on Job { eventlog { name } } } } } } }', ['eventlog']],
    // Asked once without a directive: asked.
    ['{ jobs { nodes { eventlog @include(if: $x) { name } eventlog { name } } } }', ['eventlog']],
    // One node of `jobs` carries the directive that let the resolver run: its own outcome.
    ['{ jobs @include(if: true) { nodes { eventlog { name } } } }', ['eventlog']],
  ])('%s → %j', (document, keys) => {
    expect(jobInfoKeysAhead(infoOf(document, { x: false }))).toEqual(keys);
  });

  it.each([
    [
      'nothing that needs job-info',
      '{ jobs { edges { cursor node { id state eventlogCount: id } } pageInfo { endCursor } } }',
    ],
    ['environment alone (its resolver keeps its promise)', '{ jobs { nodes { environment } } }'],
    ['a detail under @include', '{ jobs { nodes { eventlog @include(if: $x) { name } jobspec { command } } } }'],
    ['a detail under @skip', '{ jobs { nodes { jobspec @skip(if: $x) { command } } } }'],
    [
      'a fragment spread under a directive',
      '{ jobs { nodes { ...F @include(if: $x) } } } fragment F on Job { eventlog { name } }',
    ],
    ['an inline fragment under a directive', '{ jobs { nodes { ... @skip(if: $x) { eventlog { name } } } } }'],
    ['a path field under a directive', '{ jobs { edges @include(if: $x) { node { eventlog { name } } } } }'],
    ['elogRun (it loads jobspec and J for any caller)', '{ jobs { nodes { eventlog { name } elogRun { run } } } }'],
    ['details elsewhere than the jobs', '{ jobs { pageInfo { endCursor } } job(id: "1") { eventlog { name } } }'],
    [
      'two nodes of jobs, one under a directive',
      '{ jobs @include(if: $x) { nodes { eventlog { name } } } jobs { nodes { id } } }',
    ],
  ])('no look-ahead with %s', (_what, document) => {
    expect(jobInfoKeysAhead(infoOf(document, { x: true }))).toEqual([]);
  });

  it('fieldsSelectedAt names each field once, true when one of its selections is unconditional', () => {
    const info = infoOf(
      '{ jobs { nodes { id @skip(if: $x) state ...F } edges { node { id } } } } fragment F on Job { state @include(if: $x) name }',
    );
    expect([...fieldsSelectedAt(info, ['edges.node', 'nodes'])]).toEqual([
      ['id', true],
      ['state', true],
      ['name', true],
    ]);
    expect([...fieldsSelectedAt(info, ['nodes'])]).toEqual([
      ['id', false],
      ['state', true],
      ['name', true],
    ]);
  });
});
