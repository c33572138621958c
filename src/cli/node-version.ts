/** The oldest Node.js release jobgraph supports (package.json `engines`). */
export const MINIMUM_NODE = [22, 12] as const;

/**
 * A warning for a Node.js older than {@link MINIMUM_NODE}, or `undefined` when `version`
 * (`process.version`, e.g. `v20.20.2`) is new enough. jobgraph still starts on an older Node
 * (the demo runs on 20), but nothing is tested there.
 */
export function nodeVersionWarning(version: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1])) return undefined;
  return (
    `jobgraph: warning: Node.js ${version} is older than the supported ${MINIMUM_NODE.join('.')} ` +
    '(24 LTS recommended; `npm i -g node@24` installs it). Continuing, untested.\n'
  );
}
