import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One `graphql <kind>` block of docs/recipes.md and the JSON variables after it. */
export interface Recipe {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * The recipes of docs/recipes.md fenced as ```` ```graphql <kind> ```` (`recipe`: run against the
 * demo; `recipe-elastic`: against the demo with an Elasticsearch), each followed by a ```` ```json ````
 * block of its variables.
 */
export function readRecipes(root: string, kind: 'recipe' | 'recipe-elastic'): Recipe[] {
  const text = readFileSync(join(root, 'docs', 'recipes.md'), 'utf8');
  return [
    ...text.matchAll(new RegExp(`\`\`\`graphql ${kind}\\n([\\s\\S]*?)\`\`\`\\s*\`\`\`json\\n([\\s\\S]*?)\`\`\``, 'g')),
  ].map(([, query = '', variables = '{}']) => ({
    name: /(?:query|subscription) (\w+)/.exec(query)?.[1] ?? '?',
    query,
    variables: JSON.parse(variables) as Record<string, unknown>,
  }));
}
