import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlaygroundTab } from './playground-page-config';

/**
 * Reads the example operations the playground opens as tabs: every `*.graphql` file of `dir`,
 * in file-name order, each with the variables of a sibling `<name>.variables.json` when there
 * is one. A missing directory yields no tabs (GraphiQL then opens its default empty tab).
 */
export async function readExampleOperations(dir: string): Promise<PlaygroundTab[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.graphql')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(
    names.map(async (name): Promise<PlaygroundTab> => {
      const query = await readFile(path.join(dir, name), 'utf8');
      const variables = await readOptional(path.join(dir, name.replace(/\.graphql$/, '.variables.json')));
      return variables === undefined ? { query } : { query, variables };
    }),
  );
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
