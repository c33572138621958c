import { isObjectType } from 'graphql';
import type { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/** What type-graphql's metadata says of one `@FieldResolver` parameter (the kinds this module reads). */
type ParamMetadata = NonNullable<ReturnType<typeof getMetadataStorage>['fieldResolvers'][number]['params']>[number];

/** Reads one handler argument from the resolver's four arguments. */
type ParamReader = (root: unknown, context: unknown, info: GraphQLResolveInfo) => unknown;

/** Resolver classes as type-graphql takes them. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ResolverClass = Function;

type Handler = (this: unknown, ...params: unknown[]) => unknown;

/**
 * The reader of a parameter type-graphql would hand over unchanged, or undefined when its wrapper
 * does something with it (an argument: conversion to an input class, validation, always through a
 * promise; a root converted to a class; a custom decorator): such handlers keep type-graphql's wrapper.
 */
function paramReader(param: ParamMetadata): ParamReader | undefined {
  switch (param.kind) {
    case 'root': {
      // A root typed as an interface is reflected as Object, which type-graphql hands over as it is.
      const type: unknown = param.getType?.();
      if (type !== undefined && type !== Object) return undefined;
      const { propertyName } = param;
      return propertyName === undefined
        ? (root) => root
        : (root) => (root as Record<string, unknown> | null | undefined)?.[propertyName];
    }
    case 'context': {
      const { propertyName } = param;
      return propertyName === undefined
        ? (_root, context) => context
        : (_root, context) => (context as Record<string, unknown>)[propertyName];
    }
    case 'info':
      return (_root, _context, info) => info;
    default:
      return undefined;
  }
}

/**
 * Set (to `true`) on a resolver that reads neither its arguments nor its resolve info: a direct call
 * whose parameters are only `@Root` and `@Ctx`. The compiled path (src/server/execution/jit-source-rewrite.ts)
 * then calls it without building them (per call an args object, a resolve info and its response path).
 */
export const READS_ROOT_AND_CONTEXT_ONLY: unique symbol = Symbol('jobgraph.readsRootAndContextOnly');

/** `method` of `instance` called with the parameters `readers` read, without an array per call for up to three. */
function directInvoker(
  instance: object,
  method: Handler,
  readers: ParamReader[],
): GraphQLFieldResolver<unknown, unknown> {
  const [a, b, c] = readers;
  if (readers.length === 0) return () => method.call(instance);
  if (readers.length === 1 && a) return (root, _args, context, info) => method.call(instance, a(root, context, info));
  if (readers.length === 2 && a && b)
    return (root, _args, context, info) => method.call(instance, a(root, context, info), b(root, context, info));
  if (readers.length === 3 && a && b && c)
    return (root, _args, context, info) =>
      method.call(instance, a(root, context, info), b(root, context, info), c(root, context, info));
  return (root, _args, context, info) =>
    method.apply(
      instance,
      readers.map((read) => read(root, context, info)),
    );
}

/**
 * Strips type-graphql's per-call wrappers from the fields of `schema` where nothing needs them
 * (this project configures no middleware, authChecker or validation; `resolvers` are the classes the
 * schema was built from, as type-graphql matched them). A field read from its root (type-graphql's
 * basic resolver `root[name]`) gets no resolver: graphql-js's default reads the same property and
 * graphql-jit inlines the read instead of calling a resolver with a fresh resolve info. A
 * `@FieldResolver` whose parameters are only `@Root`, `@Ctx` and `@Info` calls its method directly: no
 * resolver-data object, no middleware chain, no parameter sort per call (type-graphql's `getParams`);
 * without `@Info` it is marked {@link READS_ROOT_AND_CONTEXT_ONLY}.
 * Every other field keeps its wrapper. Mutates and returns `schema`. Measured in docs/performance.md.
 */
export function withDirectResolvers(schema: GraphQLSchema, resolvers: readonly ResolverClass[]): GraphQLSchema {
  const storage = getMetadataStorage();
  const instances = new Map<ResolverClass, object>();
  const instanceOf = (target: ResolverClass): object => {
    let instance = instances.get(target);
    if (!instance) {
      instance = new (target as new () => object)();
      instances.set(target, instance);
    }
    return instance;
  };
  const fieldResolvers = storage.fieldResolvers.filter((it) => it.kind === 'external' && resolvers.includes(it.target));
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const field of objectType.fields ?? []) {
      const built = fields[field.schemaName];
      if (!built?.resolve || field.middlewares?.length || field.roles) continue;
      const handler = fieldResolvers.find(
        (it) => it.getObjectType?.() === field.target && it.methodName === field.name,
      );
      if (!handler) {
        // type-graphql's basic resolver reads `root[name]`; the default resolvers read `root[schemaName]`.
        if (field.name === field.schemaName && !field.params?.length) built.resolve = undefined;
        continue;
      }
      if (handler.middlewares?.length || handler.roles) continue;
      const params = [...(handler.params ?? [])].sort((x, y) => x.index - y.index);
      const readers = params.map(paramReader);
      if (readers.some((reader) => reader === undefined) || params.some((param, i) => param.index !== i)) continue;
      const instance = instanceOf(handler.target);
      const method = (instance as Record<string, unknown>)[handler.methodName];
      if (typeof method !== 'function') continue;
      const resolve = directInvoker(instance, method as Handler, readers as ParamReader[]);
      if (params.every((param) => param.kind !== 'info'))
        Object.defineProperty(resolve, READS_ROOT_AND_CONTEXT_ONLY, { value: true });
      built.resolve = resolve;
    }
  }
  return schema;
}
