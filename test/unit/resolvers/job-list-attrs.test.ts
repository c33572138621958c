import { Kind, isObjectType, parse } from 'graphql';
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, OperationDefinitionNode } from 'graphql';
import { JOB_ENTRY_REQUIRED_ATTRS } from '../../../src/datasources/flux/job.mapper';
import { JOB_FIELD_ATTRS, jobListAttrsOf } from '../../../src/resolvers/job-list-attrs';
import { gatewaySchema } from '../../../src/server/gateway-schema';
import { LIST_ATTRS } from '../../../src/simulators/flux/job-attrs';

/** The resolve info of the document's top-level `jobs` field, as a resolver receives it. */
function infoOf(document: string): GraphQLResolveInfo {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const fieldNodes = (operation?.selectionSet.selections ?? []).filter(
    (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === 'jobs',
  );
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return { fieldNodes, fragments, variableValues: {} } as unknown as GraphQLResolveInfo;
}

const sorted = (attrs: readonly string[] | undefined): string[] | undefined => attrs && [...attrs].sort();
const Q1 =
  '{ jobs(first: 100) { edges { node { id state submittedAt startedAt inactiveAt runtimeSeconds ' +
  'eventlog { name timestamp context } jobspec { command resources attributes } } } } }';

describe('Job field → job-list attributes (listing only what a page reads)', () => {
  it('names every field of the Job type, and no field it does not have', () => {
    const job = gatewaySchema().getType('Job');
    if (!isObjectType(job)) throw new Error('Job is not an object type');
    const fields = Object.keys(job.getFields()).sort();
    expect(
      Object.keys(JOB_FIELD_ATTRS)
        .filter((name) => name !== '__typename')
        .sort(),
    ).toEqual(fields);
  });

  it('names only attributes job-list knows (contract flux.md §4.3, the simulator implements them)', () => {
    const known = new Set(LIST_ATTRS.filter((name) => name !== 'all'));
    const named = new Set([...Object.values(JOB_FIELD_ATTRS).flat(), ...JOB_ENTRY_REQUIRED_ATTRS]);
    expect([...named].filter((name) => !known.has(name))).toEqual([]);
  });

  it("Q1 lists the mapper's four attributes and the three times its fields read: nothing else", () => {
    expect(sorted(jobListAttrsOf(infoOf(Q1)))).toEqual(
      ['userid', 'urgency', 'state', 't_submit', 't_run', 't_cleanup', 't_inactive'].sort(),
    );
  });

  it('the 500-job dashboard page (id, eventlog, jobspec) lists only the four', () => {
    const page = '{ jobs(first: 500) { edges { node { id eventlog { name } jobspec { command } } } } }';
    expect(sorted(jobListAttrsOf(infoOf(page)))).toEqual([...JOB_ENTRY_REQUIRED_ATTRS].sort());
  });

  it('reads nodes and edges.node through fragments, inline fragments and aliases; connection fields add nothing', () => {
    const document = `
      query { jobs(first: 5) { totalCount pageInfo { endCursor } ...Conn
        edges { cursor ... on JobEdge { node { q: queue ...Exc } } } } }
      fragment Conn on JobConnection { nodes { ... on Job { exitCode } } edges { ...Edge } }
      fragment Edge on JobEdge { node { ...Exc } }
      fragment Exc on Job { exception { type } }`;
    expect(sorted(jobListAttrsOf(infoOf(document)))).toEqual(
      [
        ...JOB_ENTRY_REQUIRED_ATTRS,
        'queue',
        'waitstatus',
        'result',
        'exception_occurred',
        'exception_type',
        'exception_severity',
        'exception_note',
      ].sort(),
    );
  });

  it('a Job field it does not know lists every attribute (undefined)', () => {
    expect(jobListAttrsOf(infoOf('{ jobs { nodes { id someNewField } } }'))).toBeUndefined();
    expect(jobListAttrsOf(infoOf('{ jobs { edges { node { ... on Job { toString } } } } }'))).toBeUndefined();
  });

  it('a fragment spread twice counts once', () => {
    const document = `
      { jobs { nodes { ...A ...A } edges { node { ...A } } } }
      fragment A on Job { name ...B }
      fragment B on Job { cwd }`;
    expect(sorted(jobListAttrsOf(infoOf(document)))).toEqual([...JOB_ENTRY_REQUIRED_ATTRS, 'name', 'cwd'].sort());
  });
});
