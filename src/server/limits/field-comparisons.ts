import { Kind } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';

/** Fields of one response name in one selection set: Σ of their subtree sizes, and Σ of their squares. */
interface Group {
  sum: number;
  squares: number;
}

interface Walk {
  fragments: Map<string, FragmentDefinitionNode>;
  sets: Map<SelectionSetNode, Map<string, Group>>;
  visiting: Set<string>;
  steps: number;
  maxSteps: number;
}

/** Thrown by {@link fieldComparisons} past its step budget. */
export class FieldComparisonsUncountable extends Error {
  constructor(steps: number) {
    super(`counting field comparisons took more than ${steps} steps`);
    this.name = 'FieldComparisonsUncountable';
  }
}

/**
 * An upper bound of the field pairs graphql-js's OverlappingFieldsCanBeMerged rule compares
 * (quadratic: two fields of one response name are compared field by field all the way down, so
 * `{ x { x { … } x { … } } x { … } }` ten levels deep costs it millions of comparisons for 8 KB of
 * text). For every selection set of the document, fragments expanded: Σ over response names of
 * Σ over pairs of fields of that name of the product of their subtree sizes. Linear in the
 * document (each selection set and fragment is summarised once; a spread merges its fragment's
 * per-name summary). Throws {@link FieldComparisonsUncountable} after `maxSteps` merge steps.
 */
export function fieldComparisons(document: DocumentNode, maxSteps: number): number {
  const walk: Walk = { fragments: new Map(), sets: new Map(), visiting: new Set(), steps: 0, maxSteps };
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION && !walk.fragments.has(d.name.value)) walk.fragments.set(d.name.value, d);
  for (const d of document.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) groupsOf(walk, d.selectionSet);
  let pairs = 0;
  for (const groups of walk.sets.values())
    for (const { sum, squares } of groups.values()) pairs += (sum * sum - squares) / 2;
  return pairs;
}

function step(walk: Walk): void {
  walk.steps += 1;
  if (walk.steps > walk.maxSteps) throw new FieldComparisonsUncountable(walk.maxSteps);
}

/** Σ of the subtree sizes of a selection set's fields (each field counts 1 plus its own selection's size). */
function sizeOf(groups: Map<string, Group>): number {
  let size = 0;
  for (const group of groups.values()) size += group.sum;
  return size;
}

function groupsOf(walk: Walk, selectionSet: SelectionSetNode): Map<string, Group> {
  const known = walk.sets.get(selectionSet);
  if (known) return known;
  const groups = new Map<string, Group>();
  const add = (name: string, sum: number, squares: number): void => {
    step(walk);
    const group = groups.get(name);
    if (group) {
      group.sum += sum;
      group.squares += squares;
    } else groups.set(name, { sum, squares });
  };
  const merge = (other: Map<string, Group>): void => {
    for (const [name, group] of other) add(name, group.sum, group.squares);
  };
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const size = 1 + (selection.selectionSet ? sizeOf(groupsOf(walk, selection.selectionSet)) : 0);
      add((selection.alias ?? selection.name).value, size, size * size);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      merge(groupsOf(walk, selection.selectionSet));
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      if (!fragment || walk.visiting.has(fragment.name.value)) continue;
      walk.visiting.add(fragment.name.value);
      merge(groupsOf(walk, fragment.selectionSet));
      walk.visiting.delete(fragment.name.value);
    }
  }
  walk.sets.set(selectionSet, groups);
  return groups;
}
