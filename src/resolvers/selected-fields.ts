import { Kind } from 'graphql';
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects, directly below it (through inline fragments and
 * fragment spreads), a field called `name` whose argument `argument` is absent or null — e.g.
 * `runs { params }` asks every parameter of each run. Lets a resolver fetch in one request what
 * its children would otherwise fetch in a second one.
 */
export function selectsWithoutArgument(info: GraphQLResolveInfo, name: string, argument: string): boolean {
  const unset = (field: FieldNode): boolean => {
    const arg = field.arguments?.find((a) => a.name.value === argument);
    if (!arg || arg.value.kind === Kind.NULL) return true;
    return arg.value.kind === Kind.VARIABLE && info.variableValues[arg.value.name.value] == null;
  };
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === name && unset(s);
      if (s.kind === Kind.INLINE_FRAGMENT) return walk(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return walk(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => walk(node.selectionSet));
}

/**
 * The fields selected at the end of one of `paths` below the field being resolved (dotted, e.g.
 * `['edges.node', 'nodes']` under `jobs`), through inline fragments and fragment spreads, by name in
 * the order the document first asks them. A name maps to true when at least one of its selections is
 * unconditional, false when every one sits under a directive (`@include`/`@skip` on the field, on a
 * fragment or on a field of the path: their outcome is not evaluated here, so the caller cannot tell
 * whether it is asked). Lets a resolver fetch up front, for a whole list, what those fields would
 * fetch one by one.
 */
export function fieldsSelectedAt(info: GraphQLResolveInfo, paths: readonly string[]): Map<string, boolean> {
  const found = new Map<string, boolean>();
  const walk = (set: SelectionSetNode | undefined, at: string, conditional: boolean): void => {
    for (const s of set?.selections ?? []) {
      const underDirective = conditional || (s.directives !== undefined && s.directives.length > 0);
      if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, at, underDirective);
      else if (s.kind === Kind.FRAGMENT_SPREAD) walk(info.fragments[s.name.value]?.selectionSet, at, underDirective);
      else if (paths.includes(at)) {
        if (found.get(s.name.value) !== true) found.set(s.name.value, !underDirective);
      } else {
        const below = at === '' ? s.name.value : `${at}.${s.name.value}`;
        if (paths.some((path) => path === below || path.startsWith(`${below}.`)))
          walk(s.selectionSet, below, underDirective);
      }
    }
  };
  // The field being resolved was included; with several nodes (one response key) some may not have been.
  const several = info.fieldNodes.length > 1;
  for (const node of info.fieldNodes)
    walk(node.selectionSet, '', several && node.directives !== undefined && node.directives.length > 0);
  return found;
}
