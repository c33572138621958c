import { READS_ROOT_AND_CONTEXT_ONLY } from '../../schema/direct-resolvers';

/** graphql-jit's execution context as the leaf checks read it. */
interface LeafContext {
  GraphQLError: new (
    message: unknown,
    locations: unknown,
    path: unknown,
    originalError: unknown,
    skipStackCapturing: boolean,
  ) => unknown;
}

/** A location as graphql-jit writes it into generated code. */
interface SourceLocation {
  line: number;
  column: number;
}

/** A response path with list positions as numbers: the n-th enclosing list index (`idx<n>`). */
type PathTemplate = readonly (string | number)[];

type Serializer = (ctx: LeafContext, value: unknown, onError: unknown, ...indexes: unknown[]) => unknown;

/** The error's path: the template's list positions filled from the call's indexes. */
function pathOf(template: PathTemplate, indexes: readonly unknown[]): unknown[] {
  return template.map((key) => (typeof key === 'number' ? indexes[key] : key));
}

/** A fresh copy per error, as the array literal graphql-jit wrote at the call site was. */
function locationsOf(locations: readonly SourceLocation[]): SourceLocation[] {
  return locations.map(({ line, column }) => ({ line, column }));
}

/** graphql-jit's `checkNonNullLeaf` / `checkNullableLeaf` failure: null, the error recorded. */
function failLeaf(
  ctx: LeafContext,
  value: unknown,
  dest: unknown[],
  nullMessage: string,
  locations: readonly SourceLocation[],
  template: PathTemplate,
  capStack: boolean,
  indexes: readonly unknown[],
): null {
  const [message, original] =
    value instanceof Error ? [(value as { message?: unknown }).message ?? value, value] : [nullMessage, undefined];
  dest.push(new ctx.GraphQLError(message, locationsOf(locations), pathOf(template, indexes), original, capStack));
  return null;
}

/**
 * The leaf checks of graphql-jit 0.8.9's runtime (`jitRuntime.checkNonNullLeaf` / `checkNullableLeaf`)
 * with their location and path arguments hoisted constants (the path a template) built only when an
 * error is recorded, and one function per count of list indexes, 0–3 (no rest array per call). Same
 * results, same errors (message, locations, path, original error) in the same order.
 */
const LEAF_CHECKS = {
  nonNull0(
    ctx: LeafContext,
    v: unknown,
    d: unknown[],
    m: string,
    l: SourceLocation[],
    p: PathTemplate,
    c: boolean,
    s: Serializer,
    e: unknown,
  ) {
    if (v == null || v instanceof Error) return failLeaf(ctx, v, d, m, l, p, c, []);
    return s(ctx, v, e);
  },
  nullable0(
    ctx: LeafContext,
    v: unknown,
    d: unknown[],
    l: SourceLocation[],
    p: PathTemplate,
    c: boolean,
    s: Serializer,
    e: unknown,
  ) {
    if (v == null) return null;
    if (v instanceof Error) return failLeaf(ctx, v, d, '', l, p, c, []);
    return s(ctx, v, e);
  },
  nonNull1(
    ctx: LeafContext,
    v: unknown,
    d: unknown[],
    m: string,
    l: SourceLocation[],
    p: PathTemplate,
    c: boolean,
    s: Serializer,
    e: unknown,
    i0: unknown,
  ) {
    if (v == null || v instanceof Error) return failLeaf(ctx, v, d, m, l, p, c, [i0]);
    return s(ctx, v, e, i0);
  },
  nonNull2(
    ctx: LeafContext,
    v: unknown,
    d: unknown[],
    m: string,
    l: SourceLocation[],
    p: PathTemplate,
    c: boolean,
    s: Serializer,
    e: unknown,
    i0: unknown,
    i1: unknown,
  ) {
    if (v == null || v instanceof Error) return failLeaf(ctx, v, d, m, l, p, c, [i0, i1]);
    return s(ctx, v, e, i0, i1);
  },
  nonNull3(
    ctx: LeafContext,
    v: unknown,
    d: unknown[],
    m: string,
    l: SourceLocation[],
    p: PathTemplate,
    c: boolean,
    s: Serializer,
    e: unknown,
    i0: unknown,
    i1: unknown,
    i2: unknown,
  ) {
    if (v == null || v instanceof Error) return failLeaf(ctx, v, d, m, l, p, c, [i0, i1, i2]);
    return s(ctx, v, e, i0, i1, i2);
  },
  nullable1(
    ctx: LeafContext,
    v: unknown,
    d: unknown[],
    l: SourceLocation[],
    p: PathTemplate,
    c: boolean,
    s: Serializer,
    e: unknown,
    i0: unknown,
  ) {
    if (v == null) return null;
    if (v instanceof Error) return failLeaf(ctx, v, d, '', l, p, c, [i0]);
    return s(ctx, v, e, i0);
  },
  nullable2(
    ctx: LeafContext,
    v: unknown,
    d: unknown[],
    l: SourceLocation[],
    p: PathTemplate,
    c: boolean,
    s: Serializer,
    e: unknown,
    i0: unknown,
    i1: unknown,
  ) {
    if (v == null) return null;
    if (v instanceof Error) return failLeaf(ctx, v, d, '', l, p, c, [i0, i1]);
    return s(ctx, v, e, i0, i1);
  },
  nullable3(
    ctx: LeafContext,
    v: unknown,
    d: unknown[],
    l: SourceLocation[],
    p: PathTemplate,
    c: boolean,
    s: Serializer,
    e: unknown,
    i0: unknown,
    i1: unknown,
    i2: unknown,
  ) {
    if (v == null) return null;
    if (v instanceof Error) return failLeaf(ctx, v, d, '', l, p, c, [i0, i1, i2]);
    return s(ctx, v, e, i0, i1, i2);
  },
};

/** A list item handler as graphql-jit generates it (a `…MapHandler`): the item, its index, the result array, the enclosing indexes. */
type ItemHandler = (ctx: unknown, item: unknown, index: number, result: unknown[], ...indexes: unknown[]) => void;

/** `Array.prototype.values`, which `for…of` over an array calls (its `Symbol.iterator`). */
const ARRAY_VALUES = Array.prototype.values;

/** Whether `for…of` over `list` is a walk over its indexes: an array with the array iterator. */
const walksByIndex = (list: Iterable<unknown>): list is readonly unknown[] =>
  Array.isArray(list) && (list as unknown[])[Symbol.iterator] === ARRAY_VALUES;

/**
 * graphql-jit 0.8.9's `jitRuntime.safeMap(ctx, iterable, cb, ...idx)` with one function per count of
 * enclosing list indexes (0–3): no rest array per list and no spread call per item, and an array walked
 * by index (what `for…of` does with an array: `length` read at every step, `list[i]` by `Get`) without an
 * iterator result object per item. Any other iterable goes through its iterator as before. Same calls in
 * the same order, same result array.
 */
const LIST_MAPS = {
  map0(ctx: unknown, list: Iterable<unknown>, cb: ItemHandler): unknown[] {
    const result: unknown[] = [];
    if (walksByIndex(list)) for (let i = 0; i < list.length; i++) cb(ctx, list[i], i, result);
    else {
      let i = 0;
      for (const item of list) cb(ctx, item, i++, result);
    }
    return result;
  },
  map1(ctx: unknown, list: Iterable<unknown>, cb: ItemHandler, i0: unknown): unknown[] {
    const result: unknown[] = [];
    if (walksByIndex(list)) for (let i = 0; i < list.length; i++) cb(ctx, list[i], i, result, i0);
    else {
      let i = 0;
      for (const item of list) cb(ctx, item, i++, result, i0);
    }
    return result;
  },
  map2(ctx: unknown, list: Iterable<unknown>, cb: ItemHandler, i0: unknown, i1: unknown): unknown[] {
    const result: unknown[] = [];
    if (walksByIndex(list)) for (let i = 0; i < list.length; i++) cb(ctx, list[i], i, result, i0, i1);
    else {
      let i = 0;
      for (const item of list) cb(ctx, item, i++, result, i0, i1);
    }
    return result;
  },
  map3(ctx: unknown, list: Iterable<unknown>, cb: ItemHandler, i0: unknown, i1: unknown, i2: unknown): unknown[] {
    const result: unknown[] = [];
    if (walksByIndex(list)) for (let i = 0; i < list.length; i++) cb(ctx, list[i], i, result, i0, i1, i2);
    else {
      let i = 0;
      for (const item of list) cb(ctx, item, i++, result, i0, i1, i2);
    }
    return result;
  },
};

/** What the rewritten source finds in scope as `__jgLeaf`. */
const REWRITE_RUNTIME = { ...LEAF_CHECKS, ...LIST_MAPS, plain: READS_ROOT_AND_CONTEXT_ONLY };

/** What the query factory's source starts with (graphql-jit 0.8.9: `new Function("return " + functionBody)`). */
const QUERY_FACTORY_PREFIX = 'return function query (__context) {';

/**
 * One leaf check as graphql-jit 0.8.9 generates it: `__context.rt.check{NonNull|Nullable}Leaf(__context,
 * <value>, <dest>[, <null message>], <locations literal>, <path literal>, <capStack>, <serializer>,
 * <error handler>[, idx0, idx1…])`, never reaching into a second check on the same line.
 */
const LEAF_CALL =
  /__context\.rt\.check(NonNull|Nullable)Leaf\(__context, ((?:(?!__context\.rt\.check)[^\n])*?), (\[\{"line":\d+,"column":\d+\}(?:,\{"line":\d+,"column":\d+\})*\]), (\[(?:"[_A-Za-z][_0-9A-Za-z]*",|idx\d+,)*\]), (true|false), (__context\.serializers\.[_A-Za-z][_0-9A-Za-z]*), ([_A-Za-z$][_0-9A-Za-z$]*)((?:, idx\d+)*)\)/g;

/**
 * A list item handler as graphql-jit 0.8.9 generates it: two closures per item, then
 * `handleListItemResult`, which calls the first at once unless the item is a promise.
 */
const LIST_ITEM_HANDLER =
  /( {2}function [_A-Za-z$][_0-9A-Za-z$]*\(__context, __currentItem, idx\d+, resultArray, [^)\n]*\) \{\n)( {4}__context\.rt\.handleListItemResult\(__context, __currentItem,\n {6}result => \{\n {8}([_A-Za-z$][_0-9A-Za-z$]*)\(__context, resultArray, result, ([^)\n]*)\);\n {6}\},)/g;

/**
 * A resolver call as graphql-jit 0.8.9 generates it: `rt.callResolver(__context, () => <call>, result => {
 * <handler>(…, result, …); }, err => { … })` — three closures per call, of which the first is called at once
 * and the second at once when the value is no promise.
 */
const RESOLVER_CALL =
  /__context\.rt\.callResolver\(__context,\n {8}\(\) => ((?:(?!__context\.rt\.callResolver)[\s\S])*?),\n( {8}result => \{\n {10}([_A-Za-z$][_0-9A-Za-z$]*)\(__context, ([^\n]*), result, ([^\n]*)\);\n {8}\}),\n( {8}err => \{\n(?:(?!\n {8}\}\n)[\s\S])*\n {8}\})\n {6}\);/g;

/**
 * A list mapped as graphql-jit 0.8.9 generates it: `__context.rt.safeMap(__context, <list>, <item handler>,
 * <enclosing indexes>)`, the list a property read (GraphQL names: no comma, no parenthesis).
 */
const SAFE_MAP_CALL =
  /__context\.rt\.safeMap\(__context, ([^,()\n]+), ([_A-Za-z$][_0-9A-Za-z$]*), ((?:idx\d+(?:, idx\d+)*)?)\)/g;

/**
 * A field resolver's call as graphql-jit 0.8.9 generates it: `__context.resolvers.<name>(\n<10 spaces><parent>,
 * <args variable>,__context.context, __context.resolveInfos.<info>(__context.rootValue, __context.variables,
 * <response path literal>))` — the path literal nested `{ key, prev }` objects (names and `idx<n>`: no parenthesis).
 */
const RESOLVER_INVOCATION =
  /__context\.resolvers\.([_A-Za-z$][_0-9A-Za-z$]*)\(\n {10}([^,()\n]+),([_A-Za-z$][_0-9A-Za-z$]*),__context\.context, (__context\.resolveInfos\.[_A-Za-z$][_0-9A-Za-z$]*\(__context\.rootValue, __context\.variables, [^()]*\))\)/g;

/**
 * Each resolver call of `source` made twice over: a resolver marked {@link READS_ROOT_AND_CONTEXT_ONLY} is
 * called with `undefined` for its arguments and resolve info (not built), any other as graphql-jit wrote it.
 * An arguments object that is only declared empty (`const <name> = {};`, the field takes no arguments) and
 * passed to that call is made in the call instead (a fresh one for the resolvers that read it, as before).
 */
function rewriteResolverInvocations(source: string): { source: string; sites: number } {
  let sites = 0;
  const rewritten = source.replace(
    RESOLVER_INVOCATION,
    (_call, resolver: string, parent: string, args: string, info: string) => {
      sites++;
      const declaration = `const ${args} = {};\n`;
      const uses = source.match(new RegExp(`\\b${args}\\b`, 'g'))?.length ?? 0;
      const argsValue = uses === 2 && source.includes(declaration) ? '{}' : args;
      const callee = `__context.resolvers.${resolver}`;
      return `(${callee}[__jgLeaf.plain] === true ? ${callee}(${parent}, undefined, __context.context, undefined) : ${callee}(\n          ${parent},${argsValue},__context.context, ${info}))`;
    },
  );
  // Empty arguments objects now made in their call: their declarations go.
  const cleaned = rewritten.replace(/ {2}const ([_A-Za-z$][_0-9A-Za-z$]*) = \{\};\n/g, (declaration, args: string) =>
    new RegExp(`\\b${args}\\b`).test(rewritten.replace(declaration, '')) ? declaration : '',
  );
  return { source: cleaned, sites };
}

/** The rewritten source of a query factory and how many leaf checks, list item handlers and resolver calls it changed. */
export interface JitSourceRewrite {
  source: string;
  leafSites: number;
  listSites: number;
  resolverSites: number;
  mapSites: number;
  /** Resolver calls that skip the arguments and resolve info for a resolver marked as reading neither. */
  invocationSites: number;
}

/**
 * Rewrites graphql-jit's generated query source: (1) leaf checks to {@link LEAF_CHECKS}' forms:
 * locations and path literals become constants declared once per compiled query (the path's list
 * indexes as positions), the call names the check for its count of indexes; (2) a list item that is
 * not a promise goes straight to its item handler, as `handleListItemResult` would send it, without
 * the two closures made per item; (3) a resolver is called in place (its thrown error handed to `callResolver`
 * as a thunk that throws it, so the error takes graphql-jit's own path), a value that is no promise goes
 * straight to the field's handler, a promise through `handleResolverResult` with the closures as before;
 * (4) a list is mapped by {@link LIST_MAPS}' form for its count of enclosing indexes; (5) a resolver that
 * reads only its root and context is called without its arguments and resolve info being built
 * ({@link rewriteResolverInvocations}).
 * Code that does not match the exact shape (another graphql-jit
 * version, a path index the call does not pass, more than three indexes) is left as it is. The
 * source then expects `__jgLeaf` (the checks and maps) in scope.
 */
export function rewriteJitSource(source: string): JitSourceRewrite {
  const constants: string[] = [];
  let leafSites = 0;
  let listSites = 0;
  let resolverSites = 0;
  let mapSites = 0;
  const rewritten = source
    .replace(
      LEAF_CALL,
      (
        call,
        kind: string,
        head: string,
        locations: string,
        path: string,
        cap: string,
        serializer: string,
        onError: string,
        indexes: string,
      ) => {
        const count = indexes.split(',').length - 1;
        const template = path
          .slice(1, -1)
          .split(',')
          .filter((key) => key !== '')
          .map((key) => (key.startsWith('idx') ? Number(key.slice(3)) : (JSON.parse(key) as string)));
        if (count > 3 || template.some((key) => typeof key === 'number' && key >= count)) return call;
        const id = leafSites++;
        constants.push(`__jgL${id} = ${locations}`, `__jgP${id} = ${JSON.stringify(template)}`);
        const check = `${kind === 'NonNull' ? 'nonNull' : 'nullable'}${count}`;
        return `__jgLeaf.${check}(__context, ${head}, __jgL${id}, __jgP${id}, ${cap}, ${serializer}, ${onError}${indexes})`;
      },
    )
    .replace(LIST_ITEM_HANDLER, (_handler, opening: string, rest: string, itemHandler: string, indexes: string) => {
      listSites++;
      return `${opening}    if (!__context.rt.isPromise(__currentItem)) {\n      ${itemHandler}(__context, resultArray, __currentItem, ${indexes});\n      return;\n    }\n${rest}`;
    })
    .replace(
      RESOLVER_CALL,
      (_call, call: string, onSuccess: string, handler: string, parent: string, indexes: string, onError: string) => {
        resolverSites++;
        return [
          `{ let __jgValue, __jgThrown = false;`,
          `try { __jgValue = ${call}; } catch (__jgError) { __jgThrown = true;`,
          `__context.rt.callResolver(__context, () => { throw __jgError; },\n${onSuccess},\n${onError}); }`,
          `if (!__jgThrown) { if (__context.rt.isPromise(__jgValue)) __context.rt.handleResolverResult(__context, __jgValue,\n${onSuccess},\n${onError});`,
          `else ${handler}(__context, ${parent}, __jgValue, ${indexes}); } }`,
        ].join('\n');
      },
    )
    .replace(SAFE_MAP_CALL, (call, list: string, itemHandler: string, indexes: string) => {
      const count = indexes === '' ? 0 : indexes.split(',').length;
      if (count > 3) return call;
      mapSites++;
      return `__jgLeaf.map${count}(__context, ${list}, ${itemHandler}${indexes === '' ? '' : `, ${indexes}`})`;
    });
  const invocations = rewriteResolverInvocations(rewritten);
  const counts = { leafSites, listSites, resolverSites, mapSites, invocationSites: invocations.sites };
  if (leafSites === 0) return { source: invocations.source, ...counts };
  return { source: `const ${constants.join(',\n  ')};\n${invocations.source}`, ...counts };
}

/** The constructor `Function` as graphql-jit calls it to build a query factory. */
type FunctionConstructor = new (...args: string[]) => (...args: unknown[]) => unknown;

/**
 * Runs `compile` (a synchronous graphql-jit `compileQuery`) with its generated query factory
 * rewritten by {@link rewriteJitSource}: graphql-jit builds the factory with the global
 * `Function` constructor, which is swapped for the duration of the call (synchronous: no other code
 * runs meanwhile) by a proxy that rewrites only a source starting as graphql-jit 0.8.9's query
 * factory does; every other use (its variable parsers) goes to `Function` untouched. Why: the literals
 * graphql-jit passes to every leaf check and the closures it makes per list item were a fifth of a Q1
 * execution's allocation (docs/performance.md).
 */
export function withJitSourceRewritten<T>(compile: () => T): T {
  const original = globalThis.Function as unknown as FunctionConstructor;
  const proxy = new Proxy(original, {
    construct(target, args: string[], newTarget) {
      const [body] = args;
      if (args.length === 1 && typeof body === 'string' && body.startsWith(QUERY_FACTORY_PREFIX)) {
        const { source, leafSites, listSites, resolverSites, mapSites, invocationSites } = rewriteJitSource(body);
        if (leafSites + listSites + resolverSites + mapSites + invocationSites > 0) {
          const factory = new target('__jgLeaf', source);
          return () => factory(REWRITE_RUNTIME);
        }
      }
      return Reflect.construct(target, args, newTarget) as object;
    },
  });
  globalThis.Function = proxy as unknown as typeof globalThis.Function;
  try {
    return compile();
  } finally {
    globalThis.Function = original as unknown as typeof globalThis.Function;
  }
}
