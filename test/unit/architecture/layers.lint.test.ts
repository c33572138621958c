import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** Lints `text` as if it were the file `path` of the tree; returns the rule ids of its problems. */
function lintAs(path: string, text: string): string[] {
  let output: string;
  try {
    output = execFileSync(process.execPath, [ESLINT, '--format', 'json', '--stdin', '--stdin-filename', path], {
      cwd: ROOT,
      input: text,
      encoding: 'utf8',
    });
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  const [result] = JSON.parse(output) as Array<{ messages: Array<{ ruleId: string | null }> }>;
  return (result?.messages ?? []).map((message) => message.ruleId ?? 'parse-error');
}

describe('layer rules (eslint no-restricted-imports per folder)', () => {
  it('fails an import that climbs (a loader importing the server)', () => {
    expect(lintAs('src/loaders/probe.ts', "export { createContext } from '../server/context';\n")).toEqual([
      'no-restricted-imports',
    ]);
  });

  it('passes an import that goes down (a loader importing a datasource)', () => {
    expect(
      lintAs('src/loaders/probe.ts', "export type { Datasources } from '../datasources/create-datasources';\n"),
    ).toEqual([]);
  });

  it('fails a simulator importing datasource code that is not a shared wire format, and src importing a simulator', () => {
    expect(
      lintAs('src/simulators/flux/probe.ts', "export { FluxRpcClient } from '../../datasources/flux/flux-rpc';\n"),
    ).toEqual(['no-restricted-imports']);
    expect(
      lintAs('src/simulators/flux/probe.ts', "export { encodeMessage } from '../../datasources/flux/flux-codec';\n"),
    ).toEqual([]);
    expect(
      lintAs('src/server/probe.ts', "export { startElogSimulator } from '../simulators/elog/elog-simulator';\n"),
    ).toEqual(['no-restricted-imports']);
  });
});
