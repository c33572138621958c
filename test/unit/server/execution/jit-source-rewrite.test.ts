import { buildSchema, parse } from 'graphql';
import type { GraphQLObjectType, GraphQLScalarType, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { READS_ROOT_AND_CONTEXT_ONLY } from '../../../../src/schema/direct-resolvers';
import { rewriteJitSource, withJitSourceRewritten } from '../../../../src/server/execution/jit-source-rewrite';

/**
 * A schema whose leaves fail every way a leaf check handles: null for a non-null leaf, an Error
 * value (non-null and nullable), a serializer that throws, a serializer that answers nothing, at
 * one, two and three list levels.
 */
function failingSchema(): GraphQLSchema {
  const schema = buildSchema(`
    scalar Stamp
    type Leafy { ok: String! missing: String! broken: String! soft: String stamp: Stamp! badStamp: Stamp lost: Stamp n: Int! }
    type Group { items: [Leafy!]! rows: [[Leafy]] }
    type Resolved { sync: String! later: String rejected: String throwing: String! thrownNull: String errorValue: String nested: [Leafy] }
    type Lists { set: [String] generated: [Int!] custom: [String] subclass: [String] sparse: [String] }
    type Plain { own(x: Int): String twice: String reads: String later: String }
    type Query { one: Leafy groups: [Group] promised: [Leafy] plain: [String!] resolved: [Resolved] lists: [Lists] plains: [[Plain]] }
  `);
  const stamp = schema.getType('Stamp') as GraphQLScalarType;
  stamp.serialize = (value: unknown) => {
    if (value === 'throw') throw new Error('stamp refused');
    if (value === 'nothing') return undefined;
    return `stamp:${String(value)}`;
  };
  // Resolvers every way graphql-jit's callResolver handles: a value, a promise, a rejection, a throw (an
  // Error, null), an Error value; one per list item so the indexes differ.
  const resolve = (type: string, name: string, fn: (root: { i: number }) => unknown) => {
    const field = (schema.getType(type) as GraphQLObjectType).getFields()[name];
    if (!field) throw new Error(`no field ${type}.${name}`);
    field.resolve = fn;
  };
  resolve('Resolved', 'sync', (r) => `sync${r.i}`);
  resolve('Resolved', 'later', (r) => Promise.resolve(`later${r.i}`));
  resolve('Resolved', 'rejected', (r) => (r.i === 1 ? Promise.reject(new Error('rejected 1')) : 'kept'));
  resolve('Resolved', 'throwing', (r) => {
    if (r.i === 0) throw new Error('thrown 0');
    return `t${r.i}`;
  });
  resolve('Resolved', 'thrownNull', (r) => {
    if (r.i === 2) throw null; // a falsy throw: graphql-jit records an empty message
    return null;
  });
  resolve('Resolved', 'errorValue', (r) => (r.i === 1 ? new Error('error value') : 'v'));
  resolve('Resolved', 'nested', (r) => Promise.resolve([leaf(r.i), leaf(r.i + 1)]));
  resolve('Query', 'resolved', () => [0, 1, 2].map((i) => ({ i })));
  // Lists that are not plain arrays: the map's iterator path (a Set, a generator, an array whose iterator
  // is its own, an Array subclass, a sparse array whose holes read through the prototype).
  class Reversed extends Array<string> {
    override [Symbol.iterator](): ArrayIterator<string> {
      return [...Array.prototype.values.call(this)].reverse().values();
    }
  }
  resolve('Query', 'lists', () => {
    const custom = ['c0', 'c1', 'c2'];
    custom[Symbol.iterator] = function* () {
      yield 'own iterator';
    } as unknown as () => ArrayIterator<string>;
    const sparse: string[] = ['s0'];
    sparse[2] = 's2';
    return [
      {
        set: new Set(['a', 'b']),
        generated: (function* () {
          yield 1;
          yield 2;
        })(),
        custom,
        subclass: Reversed.from(['x', 'y', 'z']),
        sparse,
      },
    ];
  });
  // Resolvers marked as reading only root and context (as direct-resolvers.ts marks them): the rewritten
  // code calls them without arguments and resolve info; `reads` is marked but reads them anyway (it
  // records what it got), `own` takes an argument and is not marked.
  const seen: unknown[] = [];
  const mark = (
    type: string,
    name: string,
    fn: (root: { i: number }, args: unknown, ctx: unknown, info: unknown) => unknown,
    plain: boolean,
  ) => {
    resolve(type, name, fn as (root: { i: number }) => unknown);
    const field = (schema.getType(type) as GraphQLObjectType).getFields()[name];
    if (plain && field?.resolve) Object.defineProperty(field.resolve, READS_ROOT_AND_CONTEXT_ONLY, { value: true });
  };
  mark('Plain', 'own', (r, args) => `own${r.i}:${JSON.stringify(args)}`, false);
  mark('Plain', 'twice', (r) => `twice${r.i}`, true);
  mark(
    'Plain',
    'reads',
    (r, args, _ctx, info) => {
      seen.push({ args, info: info === undefined ? undefined : 'info' });
      return `reads${r.i}`;
    },
    true,
  );
  mark(
    'Plain',
    'later',
    (r) => (r.i === 1 ? Promise.reject(new Error('later 1')) : Promise.resolve(`later${r.i}`)),
    true,
  );
  resolve('Query', 'plains', () => [[{ i: 0 }, { i: 1 }], [{ i: 2 }]]);
  function leaf(i: number) {
    return {
      ok: `ok${i}`,
      missing: i % 2 ? null : `m${i}`,
      broken: i === 1 ? new Error(`broken ${i}`) : `b${i}`,
      soft: i === 2 ? new Error('soft error') : null,
      stamp: i === 0 ? 'throw' : i,
      badStamp: i === 1 ? 'nothing' : i,
      lost: i === 2 ? new Error('lost') : null,
      n: i === 2 ? 1.5 : i,
    };
  }
  const root = () => ({
    one: leaf(1),
    groups: [0, 1].map((g) => ({ items: [0, 1, 2].map((i) => leaf(i + g)), rows: [[leaf(2), null, leaf(1)], null] })),
    // Promised items, one rejected: the list items' slow path.
    promised: [Promise.resolve(leaf(0)), Promise.reject(new Error('item failed')), leaf(1), Promise.resolve(null)],
    plain: ['a', null, 'c'],
  });
  return Object.assign(schema, { root, seen });
}

const QUERY = `{
  one { ok missing broken soft stamp badStamp lost n }
  groups {
    items { ok missing broken soft stamp badStamp lost n }
    rows { ok missing soft stamp x: stamp badStamp n }
  }
  promised { ok missing soft stamp }
  plain
  resolved { sync later rejected throwing thrownNull errorValue nested { ok missing stamp } }
  lists { set generated custom subclass sparse }
  plains { own(x: 2) twice reads later again: twice }
}`;

function runJit(schema: GraphQLSchema, rewritten: boolean): Promise<unknown> {
  const document = parse(QUERY);
  const compile = () => compileQuery(schema, document);
  const compiled = rewritten ? withJitSourceRewritten(compile) : compile();
  if (!isCompiledQuery(compiled)) throw new Error('did not compile');
  return Promise.resolve(compiled.query((schema as GraphQLSchema & { root: () => unknown }).root(), {}, {}));
}

describe('graphql-jit generated source rewritten (jit-source-rewrite)', () => {
  it('rewrites every leaf check of a compiled query, at one to three list levels', () => {
    // graphql-jit's undocumented `debug` option keeps the generated source on the compiled query.
    const debug = { debug: true } as unknown as Parameters<typeof compileQuery>[3];
    const compiled = compileQuery(failingSchema(), parse(QUERY), undefined, debug);
    const body = (compiled as { __DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation?: string })
      .__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation;
    expect(typeof body).toBe('string');
    const {
      source,
      leafSites: sites,
      listSites,
      resolverSites,
      mapSites,
      invocationSites,
    } = rewriteJitSource(`return ${body}`);
    const count = (pattern: RegExp): number => (`return ${body}`.match(pattern) ?? []).length;
    // Every list is mapped by the fixed-arity maps (lists at one to three levels), none by rt.safeMap.
    expect(mapSites).toBe(count(/__context\.rt\.safeMap\(/g));
    expect(mapSites).toBeGreaterThanOrEqual(14);
    expect(source).not.toMatch(/rt\.safeMap\(/);
    expect(source).toMatch(/__jgLeaf\.map0\(/);
    expect(source).toMatch(/__jgLeaf\.map2\(/);
    // Every resolver call asks whether its resolver reads only root and context (Query's, Resolved's, Plain's).
    expect(invocationSites).toBe(count(/__context\.resolvers\.[A-Za-z]+\(\n/g));
    expect(invocationSites).toBeGreaterThanOrEqual(15);
    expect(source.match(/\[__jgLeaf\.plain\] === true/g)).toHaveLength(invocationSites);
    // A field without arguments gets its empty arguments object in the call; one with arguments keeps its own.
    expect(source).not.toMatch(/const PlainreadsResolverArgs = \{\};/);
    expect(source).toMatch(/PlainownResolverArgs/);
    // Every resolver call (Query's fields, Resolved's seven) is made in place.
    expect(resolverSites).toBe((`return ${body}`.match(/__context\.rt\.callResolver\(__context,\n/g) ?? []).length);
    expect(resolverSites).toBeGreaterThanOrEqual(8);
    expect(source).not.toMatch(/callResolver\(__context,\n {8}\(\) =>/);
    // Every list item handler (groups, items, rows, rows' rows, promised, plain, resolved, nested) goes straight to its item when it is no promise.
    expect(listSites).toBe(count(/__context\.rt\.handleListItemResult\(__context, __currentItem,\n/g));
    expect(listSites).toBeGreaterThanOrEqual(14);
    expect(source.match(/if \(!__context\.rt\.isPromise\(__currentItem\)\)/g)).toHaveLength(listSites);
    // A graphql-jit whose generated leaf checks look otherwise leaves them alone: this count says so.
    expect((`return ${body}`.match(/__context\.rt\.check(NonNull|Nullable)Leaf\(/g) ?? []).length).toBe(sites);
    expect(sites).toBe(47);
    expect(source).not.toMatch(/__context\.rt\.check(NonNull|Nullable)Leaf\(/);
    expect(source).toMatch(/__jgLeaf\.nonNull0\(/);
    expect(source).toMatch(/__jgLeaf\.nullable3\(/);
    expect(source).toMatch(/__jgP\d+ = \["groups",0,"rows",1,2,"stamp"\]/);
  });

  it('answers the same data and errors (messages, locations, paths, order) as graphql-jit unchanged', async () => {
    const schema = failingSchema();
    const { seen } = schema as GraphQLSchema & { seen: unknown[] };
    const before = await runJit(schema, false);
    const readBefore = seen.splice(0);
    const after = await runJit(schema, true);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    // graphql-jit built arguments and a resolve info for the marked resolver; the rewritten code did not.
    expect(readBefore).toEqual([0, 1, 2].map(() => ({ args: {}, info: 'info' })));
    expect(seen).toEqual([0, 1, 2].map(() => ({ args: undefined, info: undefined })));
    const { data } = after as { data: { lists: unknown[]; plains: unknown[][] } };
    expect(data.lists).toEqual([
      {
        set: ['a', 'b'],
        generated: [1, 2],
        custom: ['own iterator'],
        subclass: ['z', 'y', 'x'],
        sparse: ['s0', null, 's2'],
      },
    ]);
    expect(data.plains[0]?.[0]).toEqual({
      own: 'own0:{"x":2}',
      twice: 'twice0',
      reads: 'reads0',
      later: 'later0',
      again: 'twice0',
    });
    expect(data.plains[0]?.[1]).toMatchObject({ later: null });
    const { errors } = after as { errors: { message: string; path: unknown[] }[] };
    // Every way of failing is in there, nested paths filled from the list indexes.
    expect(errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        'Cannot return null for non-nullable field Leafy.missing.',
        'broken 1',
        'soft error',
        'stamp refused',
        'Expected a value of type "Stamp" but received: nothing',
        'lost',
        'Int cannot represent non-integer value: 1.5',
        'item failed',
        'rejected 1',
        'thrown 0',
        'error value',
        '',
      ]),
    );
    expect(errors.map((e) => e.path)).toContainEqual(['groups', 0, 'rows', 0, 0, 'soft']);
    expect(errors.map((e) => e.path)).toContainEqual(['groups', 1, 'items', 0, 'missing']);
    // Fresh locations per error, as the literal at the call site was (never one shared array).
    const locations = (after as { errors: { locations: unknown }[] }).errors.map((e) => e.locations);
    expect(new Set(locations).size).toBe(locations.length);
  });

  it('each error gets its own locations array; Function is restored, also when compiling throws', () => {
    const original = globalThis.Function;
    expect(() =>
      withJitSourceRewritten(() => {
        throw new Error('compile failed');
      }),
    ).toThrow('compile failed');
    expect(globalThis.Function).toBe(original);
    const { source } = rewriteJitSource(
      'return function query (__context) {\n__context.rt.checkNullableLeaf(__context, x.a, __context.errors, [{"line":1,"column":3}], ["a",idx0,"b",idx1,], false, __context.serializers.S, h, idx0, idx1)}',
    );
    expect(source).toContain('__jgP0 = ["a",0,"b",1]');
    expect(source).toContain(
      '__jgLeaf.nullable2(__context, x.a, __context.errors, __jgL0, __jgP0, false, __context.serializers.S, h, idx0, idx1)',
    );
    // A path index the call does not pass: left as graphql-jit wrote it.
    const untouched =
      'return function query (__context) {\n__context.rt.checkNullableLeaf(__context, x.a, __context.errors, [{"line":1,"column":3}], ["a",idx1,], false, __context.serializers.S, h, idx0)}';
    expect(rewriteJitSource(untouched)).toEqual({
      source: untouched,
      leafSites: 0,
      listSites: 0,
      resolverSites: 0,
      mapSites: 0,
      invocationSites: 0,
    });
  });
});
