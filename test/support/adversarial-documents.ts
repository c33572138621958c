/** One hostile GraphQL request: a document shape built to make some pre-execution step super-linear. */
export interface AdversarialShape {
  name: string;
  /** What the shape attacks. */
  attacks: string;
  query: string;
  /** The variables as JSON text (a value too deep for JSON.stringify's recursion is written directly). */
  variablesJson?: string;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const JOB_PATH = (inner: string): string => `{ jobs(first: 1) { edges { node { ${inner} } } } }`;

/** `fragment Fi on Job { id ...F(i+1) ...F(i+1) }`: 2^levels fields from a few KB (the issue's document). */
export function fragmentFanOut(levels: number): string {
  const fragments = range(levels).map((i) =>
    i === levels - 1 ? `fragment F${i} on Job { id }` : `fragment F${i} on Job { id ...F${i + 1} ...F${i + 1} }`,
  );
  return `${JOB_PATH('...F0')} ${fragments.join(' ')}`;
}

/** Each level spreads two fragments that both spread the next level: a chain of diamonds. */
export function fragmentDiamonds(levels: number): string {
  const fragments = range(levels).flatMap((i) => {
    const next = i === levels - 1 ? 'id' : `...A${i + 1}`;
    return [
      `fragment A${i} on Job { ...B${i} ...C${i} }`,
      `fragment B${i} on Job { name ${next} }`,
      `fragment C${i} on Job { queue ${next} }`,
    ];
  });
  return `${JOB_PATH('...A0')} ${fragments.join(' ')}`;
}

/** One fragment of `width` aliased fields, spread `spreads` times under as many aliased roots. */
export function wideFragmentSpreads(width: number, spreads: number): string {
  const fragment = `fragment W on Job { ${range(width)
    .map((i) => `f${i}: id`)
    .join(' ')} }`;
  const roots = range(spreads).map((i) => `j${i}: job(id: "ƒ7PFfdyq") { ...W ...W }`);
  return `{ ${roots.join(' ')} } ${fragment}`;
}

/** `count` `@include`/`@skip` directives on one field, half of them through a variable. */
export function directiveSpam(count: number): AdversarialShape['query'] {
  const directives = range(count)
    .map((i) => (i % 2 ? `@include(if: $yes)` : `@skip(if: false)`))
    .join(' ');
  return `query Spam($yes: Boolean = true) { jobStats { __typename ${directives} } }`;
}

/** `count` operations in one document. */
export function manyOperations(count: number): string {
  return range(count)
    .map((i) => `query Q${i} { __typename }`)
    .join(' ');
}

/** One operation declaring `count` variables. */
export function manyVariables(count: number): string {
  return `query V(${range(count)
    .map((i) => `$v${i}: Int`)
    .join(', ')}) { __typename }`;
}

/** An argument whose literal value is a list nested `depth` deep. */
export function deepListLiteral(depth: number): string {
  return `{ jobs(first: ${'['.repeat(depth)}1${']'.repeat(depth)}) { edges { cursor } } }`;
}

/** An input object literal nested `depth` deep (through an argument of the JSON scalar when one exists). */
export function deepObjectLiteral(depth: number): string {
  return `{ jobs(filter: ${'{ users: '.repeat(depth)}"x"${' }'.repeat(depth)}) { edges { cursor } } }`;
}

/** Selections nested `depth` deep (invalid field names: the parser and validation meet them first). */
export function deepSelections(depth: number): string {
  return `{ ${'a { '.repeat(depth)}b${' }'.repeat(depth)} }`;
}

/** Fields of one response name nested `depth` deep, `copies` of each at every level: quadratic field merging. */
export function sameNameTree(copies: number, depth: number, name = 'jobStats'): string {
  const level = (d: number): string =>
    d === 0
      ? ''
      : range(copies)
          .map(() => (d === 1 ? `${name}` : `${name} { ${level(d - 1)} }`))
          .join(' ');
  return `{ ${level(depth)} }`;
}

/** `count` distinct fragments, all spread in one selection set: pairwise fragment comparisons. */
export function manyFragmentsOneSet(count: number): string {
  const fragments = range(count).map((i) => `fragment P${i} on Job { id name }`);
  return `${JOB_PATH(
    range(count)
      .map((i) => `...P${i}`)
      .join(' '),
  )} ${fragments.join(' ')}`;
}

/** An alias and a field name of `length` characters. */
export function longNames(length: number): string {
  return `{ ${'a'.repeat(length)}: ${'b'.repeat(length)} }`;
}

/**
 * The hostile shapes the fuzz suite sends, each at a size that reaches (or, parameterised
 * smaller, stays under) the gateway's limits.
 */
export function adversarialShapes(): AdversarialShape[] {
  return [
    { name: 'fragment fan-out, 22 levels', attacks: 'the cost measure (4M fields)', query: fragmentFanOut(22) },
    { name: 'fragment fan-out, 60 levels', attacks: 'the cost measure (2^60 fields)', query: fragmentFanOut(60) },
    {
      name: 'fragment fan-out, 8 levels',
      attacks: 'the cost measure under the breadth limit',
      query: fragmentFanOut(8),
    },
    { name: 'fragment diamonds, 40 levels', attacks: 'the measure and validation', query: fragmentDiamonds(40) },
    { name: 'wide fragment spread 20×2 times', attacks: 'aliases and breadth', query: wideFragmentSpreads(40, 20) },
    { name: '@include/@skip spam (2,000)', attacks: 'directive validation', query: directiveSpam(2_000) },
    {
      name: '@include/@skip spam (400)',
      attacks: 'directive validation under the token limit',
      query: directiveSpam(400),
    },
    { name: '3,000 operations', attacks: 'per-operation validation', query: manyOperations(3_000) },
    { name: '900 operations', attacks: 'per-operation validation under the token limit', query: manyOperations(900) },
    { name: '1,200 variables', attacks: 'variable validation', query: manyVariables(1_200) },
    { name: 'list literal 2,400 deep', attacks: 'parser recursion, value validation', query: deepListLiteral(2_400) },
    { name: 'object literal 1,200 deep', attacks: 'parser recursion, input coercion', query: deepObjectLiteral(1_200) },
    { name: 'selections 1,600 deep', attacks: 'parser recursion, depth measure', query: deepSelections(1_600) },
    {
      name: 'same-name fields 2×10 deep',
      attacks: 'OverlappingFieldsCanBeMerged (quadratic)',
      query: sameNameTree(2, 10),
    },
    { name: 'same-name fields 3×5 deep', attacks: 'OverlappingFieldsCanBeMerged', query: sameNameTree(3, 5) },
    { name: '100 fragments in one set', attacks: 'fragment pair comparisons', query: manyFragmentsOneSet(100) },
    { name: 'long names (30,000)', attacks: 'the lexer and error messages', query: longNames(30_000) },
    { name: 'long names (200,000)', attacks: 'the document length limit', query: longNames(200_000) },
    {
      name: 'JSON variable nested 300,000 deep',
      attacks: 'input coercion recursion (type-graphql overflowed its stack)',
      query: 'mutation M($v: JSON!) { updateRunTable(experiment: "xpp12345", run: 1, values: $v) }',
      variablesJson: `{"v":${nestedJsonText(300_000)}}`,
    },
  ];
}

/** `[[[…1…]]]` nested `depth` deep, as JSON text. */
export function nestedJsonText(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

/** The JSON body of a POST /graphql carrying `shape`. */
export function adversarialBody(shape: AdversarialShape): string {
  const head = JSON.stringify({ query: shape.query });
  return shape.variablesJson ? `${head.slice(0, -1)},"variables":${shape.variablesJson}}` : head;
}
